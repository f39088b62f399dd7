package io.sipalg.inspect;

import io.sipalg.api.session.Pinhole;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One tracked INVITE or SUBSCRIBE dialog (early or confirmed) of a session, keyed by the Call-ID
 * as the phone side wrote it. Forked early dialogs of one INVITE share it. Guarded by the owning
 * {@link SessionState}'s lock.
 */
final class Dialog {
  enum Kind { INVITE, SUBSCRIBE }

  enum State { EARLY, CONFIRMED }

  final Kind kind;
  final String callId;
  final String from;
  final String to;
  final String fromTag;
  /** See {@link #id()}; made once, since every pinhole of every message carries it. */
  private final String id;
  final Instant start;
  final long createdNanos;
  String toTag;
  State state = State.EARLY;
  long inviteCseq;
  Instant answer;
  long lastActivityNanos;
  /** Subscription end (monotonic), or {@link Long#MAX_VALUE}. */
  long expiresAtNanos = Long.MAX_VALUE;
  /** Requested subscription duration in seconds, applied when the 2xx arrives. */
  long requestedExpires = -1;
  /**
   * {@code nat-port-range}: media index of the phone's SDP -> the outside RTP port allocated for it
   * (RTCP is the next port). Reused by every later SDP of the phone in this dialog, offer or
   * answer; released by {@link SessionState#finish} or when the media stops being translated.
   */
  final Map<Integer, Integer> natPorts = new TreeMap<>();
  /** Pinholes by slot (e.g. {@code sdp:PHONE_TO_SERVER:0}, {@code contact:...}). */
  final Map<String, Pinhole> pinholes = new LinkedHashMap<>();

  Dialog(Kind kind, String callId, String from, String to, String fromTag, long cseq,
      Instant start, long nowNanos) {
    this.kind = kind;
    this.callId = callId;
    this.from = from;
    this.to = to;
    this.fromTag = fromTag;
    this.id = fromTag == null ? callId : callId + ";from-tag=" + fromTag;
    this.inviteCseq = cseq;
    this.start = start;
    this.createdNanos = nowNanos;
    this.lastActivityNanos = nowNanos;
  }

  /**
   * The dialog id carried by pinholes: the Call-ID and the caller's tag. The callee's tag is left
   * out so that every pinhole of a call carries the same id from the offer on.
   */
  String id() {
    return id;
  }

  boolean hasMedia() {
    for (String slot : pinholes.keySet()) {
      if (slot.startsWith("sdp:")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return kind + " " + id() + (toTag == null ? "" : ";to-tag=" + toTag) + " " + state;
  }
}
