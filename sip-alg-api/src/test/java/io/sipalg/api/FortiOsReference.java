package io.sipalg.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Every VoIP profile option of docs/fortios-reference.md with its FortiOS default, written out by
 * hand (not derived from {@link VoipOption}), so tests notice an option that is missing.
 */
public final class FortiOsReference {
  /** The methods with block-, -rate and -rate-track options. */
  public static final List<String> METHODS = List.of("register", "invite", "subscribe", "message",
      "notify", "refer", "update", "options", "ack", "prack", "info", "publish", "bye", "cancel");
  /** The malformed-header- suffixes. */
  public static final List<String> HEADERS = List.of("via", "from", "to", "call-id", "cseq",
      "rack", "rseq", "contact", "record-route", "route", "expires", "content-type",
      "content-length", "max-forwards", "allow", "p-asserted-identity", "no-require",
      "no-proxy-require", "sdp-v", "sdp-o", "sdp-s", "sdp-i", "sdp-c", "sdp-b", "sdp-z", "sdp-k",
      "sdp-a", "sdp-t", "sdp-r", "sdp-m");

  private FortiOsReference() {}

  /** {name, default} pairs. */
  public static List<String[]> options() {
    List<String[]> t = new ArrayList<>(List.of(
        new String[] {"ssl-mode", "off"},
        new String[] {"ssl-server-certificate", ""},
        new String[] {"ssl-client-certificate", ""},
        new String[] {"ssl-auth-client", ""},
        new String[] {"ssl-auth-server", ""},
        new String[] {"ssl-send-empty-frags", "enable"},
        new String[] {"ssl-client-renegotiation", "allow"},
        new String[] {"ssl-algorithm", "high"},
        new String[] {"ssl-pfs", "allow"},
        new String[] {"ssl-min-version", "tls-1.1"},
        new String[] {"ssl-max-version", "tls-1.3"},
        new String[] {"status", "enable"},
        new String[] {"rtp", "enable"},
        new String[] {"nat-port-range", "5117-65533"},
        new String[] {"open-register-pinhole", "enable"},
        new String[] {"open-contact-pinhole", "enable"},
        new String[] {"open-via-pinhole", "disable"},
        new String[] {"open-record-route-pinhole", "enable"},
        new String[] {"strict-register", "enable"},
        new String[] {"register-contact-trace", "disable"},
        new String[] {"max-dialogs", "0"},
        new String[] {"max-idle-dialogs", "0"},
        new String[] {"max-line-length", "998"},
        new String[] {"block-long-lines", "enable"},
        new String[] {"max-body-length", "0"},
        new String[] {"block-unknown", "enable"},
        new String[] {"block-geo-red-options", "disable"},
        new String[] {"call-keepalive", "0"},
        new String[] {"rfc2543-branch", "disable"},
        new String[] {"log-violations", "disable"},
        new String[] {"log-call-summary", "enable"},
        new String[] {"nat-trace", "enable"},
        new String[] {"preserve-override", "disable"},
        new String[] {"no-sdp-fixup", "disable"},
        new String[] {"contact-fixup", "enable"},
        new String[] {"hosted-nat-traversal", "disable"},
        new String[] {"hnt-restrict-source-ip", "disable"},
        new String[] {"unknown-header", "pass"},
        new String[] {"malformed-request-line", "pass"},
        new String[] {"call-id-regex", ""},
        new String[] {"content-type-regex", ""},
        new String[] {"provisional-invite-expiry-time", "210"},
        new String[] {"ips-rtp", "enable"}));
    for (String m : METHODS) {
      t.add(new String[] {m + "-rate", "0"});
      t.add(new String[] {m + "-rate-track", "none"});
      t.add(new String[] {"block-" + m, "disable"});
    }
    for (String h : HEADERS) {
      t.add(new String[] {"malformed-header-" + h, "pass"});
    }
    return t;
  }
}
