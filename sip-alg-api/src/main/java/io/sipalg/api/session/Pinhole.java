package io.sipalg.api.session;

import java.util.Objects;

/**
 * A firewall opening the ALG asks the host to make for media or signalling: traffic to
 * {@code address:rtpPort} (and {@code rtcpPort}) belonging to a SIP dialog. sip-alg does not touch
 * packet filters itself; the host applies pinhole events to its firewall (or ignores them).
 *
 * @param dialogId the dialog or registration it belongs to (Call-ID, and the tags once known)
 * @param origin what created it: {@code sdp}, {@code register-contact}, {@code contact},
 *     {@code via} or {@code record-route}
 * @param transport {@code udp} or {@code tcp}
 * @param address the destination host (an IP literal, or a name as the message gave it)
 * @param rtpPort the media (or signalling) port
 * @param rtcpPort RTCP port ({@code rtpPort + 1}), or 0 for signalling pinholes
 */
public record Pinhole(
    String dialogId, String origin, String transport, String address, int rtpPort, int rtcpPort) {

  /** What happened to a pinhole. */
  public enum Change {
    /** Newly opened. */
    OPEN,
    /** A later SDP moved it to another address or port. */
    UPDATE,
    /** The dialog ended or expired. */
    CLOSE
  }

  /** Checks the components. */
  public Pinhole {
    Objects.requireNonNull(dialogId, "dialogId");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(address, "address");
    if (rtpPort < 0 || rtpPort > 65535 || rtcpPort < 0 || rtcpPort > 65535) {
      throw new IllegalArgumentException("port out of range: " + rtpPort + "/" + rtcpPort);
    }
  }
}
