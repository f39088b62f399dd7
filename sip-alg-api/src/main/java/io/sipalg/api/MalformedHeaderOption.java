package io.sipalg.api;

/**
 * The header and SDP lines that have a {@code malformed-header-<x>} option, so inspectors can loop
 * over them.
 *
 * <pre>{@code
 * MalformedAction onBadVia = profile.malformedAction(MalformedHeaderOption.VIA);
 * }</pre>
 */
public enum MalformedHeaderOption implements FortiOsValue {
  /** {@code malformed-header-via}. */
  VIA("via", "Via"),
  /** {@code malformed-header-from}. */
  FROM("from", "From"),
  /** {@code malformed-header-to}. */
  TO("to", "To"),
  /** {@code malformed-header-call-id}. */
  CALL_ID("call-id", "Call-ID"),
  /** {@code malformed-header-cseq}. */
  CSEQ("cseq", "CSeq"),
  /** {@code malformed-header-rack}. */
  RACK("rack", "RAck"),
  /** {@code malformed-header-rseq}. */
  RSEQ("rseq", "RSeq"),
  /** {@code malformed-header-contact}. */
  CONTACT("contact", "Contact"),
  /** {@code malformed-header-record-route}. */
  RECORD_ROUTE("record-route", "Record-Route"),
  /** {@code malformed-header-route}. */
  ROUTE("route", "Route"),
  /** {@code malformed-header-expires}. */
  EXPIRES("expires", "Expires"),
  /** {@code malformed-header-content-type}. */
  CONTENT_TYPE("content-type", "Content-Type"),
  /** {@code malformed-header-content-length}. */
  CONTENT_LENGTH("content-length", "Content-Length"),
  /** {@code malformed-header-max-forwards}. */
  MAX_FORWARDS("max-forwards", "Max-Forwards"),
  /** {@code malformed-header-allow}. */
  ALLOW("allow", "Allow"),
  /** {@code malformed-header-p-asserted-identity}. */
  P_ASSERTED_IDENTITY("p-asserted-identity", "P-Asserted-Identity"),
  /** {@code malformed-header-no-require}. */
  NO_REQUIRE("no-require", "Require"),
  /** {@code malformed-header-no-proxy-require}. */
  NO_PROXY_REQUIRE("no-proxy-require", "Proxy-Require"),
  /** {@code malformed-header-sdp-v}: SDP {@code v=} line. */
  SDP_V("sdp-v", "v="),
  /** {@code malformed-header-sdp-o}: SDP {@code o=} line. */
  SDP_O("sdp-o", "o="),
  /** {@code malformed-header-sdp-s}: SDP {@code s=} line. */
  SDP_S("sdp-s", "s="),
  /** {@code malformed-header-sdp-i}: SDP {@code i=} line. */
  SDP_I("sdp-i", "i="),
  /** {@code malformed-header-sdp-c}: SDP {@code c=} line. */
  SDP_C("sdp-c", "c="),
  /** {@code malformed-header-sdp-b}: SDP {@code b=} line. */
  SDP_B("sdp-b", "b="),
  /** {@code malformed-header-sdp-z}: SDP {@code z=} line. */
  SDP_Z("sdp-z", "z="),
  /** {@code malformed-header-sdp-k}: SDP {@code k=} line. */
  SDP_K("sdp-k", "k="),
  /** {@code malformed-header-sdp-a}: SDP {@code a=} line. */
  SDP_A("sdp-a", "a="),
  /** {@code malformed-header-sdp-t}: SDP {@code t=} line. */
  SDP_T("sdp-t", "t="),
  /** {@code malformed-header-sdp-r}: SDP {@code r=} line. */
  SDP_R("sdp-r", "r="),
  /** {@code malformed-header-sdp-m}: SDP {@code m=} line. */
  SDP_M("sdp-m", "m=");

  private final String fortiOsName;
  private final String line;

  MalformedHeaderOption(String fortiOsName, String line) {
    this.fortiOsName = fortiOsName;
    this.line = line;
  }

  /** The suffix after {@code malformed-header-}, e.g. {@code "call-id"} or {@code "sdp-c"}. */
  @Override
  public String fortiOsName() {
    return fortiOsName;
  }

  /** The full option name, e.g. {@code "malformed-header-call-id"}. */
  public String optionName() {
    return "malformed-header-" + fortiOsName;
  }

  /** Whether this is an SDP body line rather than a SIP header. */
  public boolean isSdp() {
    return fortiOsName.startsWith("sdp-");
  }

  /**
   * The SIP header name (e.g. {@code "Call-ID"}), or the SDP line prefix (e.g. {@code "c="}). For
   * {@code no-require} / {@code no-proxy-require} it is the header whose option tags the ALG
   * checks.
   */
  public String line() {
    return line;
  }

  @Override
  public String toString() {
    return optionName();
  }
}
