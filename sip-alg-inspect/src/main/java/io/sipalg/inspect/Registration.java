package io.sipalg.inspect;

import io.sipalg.api.session.Pinhole;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One REGISTER binding set of a session (by address of record). Guarded by the session lock. */
final class Registration {
  /** A Contact of the REGISTER, as the phone wrote it. */
  record Binding(String transport, String host, int port) {}

  final String aor;
  final String callId;
  long cseq;
  List<Binding> bindings;
  long requestedExpires;
  boolean active;
  long expiresAtNanos = Long.MAX_VALUE;
  final Map<String, Pinhole> pinholes = new LinkedHashMap<>();

  private String id;

  Registration(String aor, String callId) {
    this.aor = aor;
    this.callId = callId;
  }

  String id() {
    String id = this.id;
    if (id == null) { // every refresh's pinholes name it: format once
      id = "register:" + callId;
      this.id = id;
    }
    return id;
  }
}
