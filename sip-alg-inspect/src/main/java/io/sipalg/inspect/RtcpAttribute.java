package io.sipalg.inspect;

import io.sipalg.parser.Sdp;
import io.sipalg.parser.SdpLine;

/**
 * An RFC 3605 {@code a=rtcp:<port> [IN <IP4|IP6> <address>]} attribute of a media section: the
 * RTCP port (and address) when it is not simply the RTP port + 1 on the media address.
 *
 * @param line the {@code a=rtcp} line
 * @param port the RTCP port, 1-65535
 * @param addrType {@code IP4} / {@code IP6}, or null without an address
 * @param address the RTCP address, or null without one
 */
record RtcpAttribute(SdpLine line, int port, String addrType, String address) {
  /** The first well-formed {@code a=rtcp} of a media section, or null. */
  static RtcpAttribute of(Sdp sdp, int media) {
    for (SdpLine l : sdp.mediaLines(media)) {
      if (l.isAttribute("rtcp") && l.attributeValue() != null) { // no String per a= line
        RtcpAttribute a = parse(l, l.attributeValue().trim());
        if (a != null) {
          return a;
        }
      }
    }
    return null;
  }

  private static RtcpAttribute parse(SdpLine line, String value) {
    String[] parts = value.split(" ");
    if (parts.length != 1 && parts.length != 4) {
      return null;
    }
    int port = asciiPort(parts[0]);
    if (port < 1 || port > 65535) {
      return null;
    }
    if (parts.length == 1) {
      return new RtcpAttribute(line, port, null, null);
    }
    return "IN".equals(parts[1]) ? new RtcpAttribute(line, port, parts[2], parts[3]) : null;
  }

  /**
   * RFC 3605's {@code port = 1*DIGIT} (ASCII digits only; values above 65535 stop early), or -1.
   * Not {@code Integer.parseInt},
   * which also takes a sign and any Unicode digit ({@code +5061}, {@code ٥٠٦١}): a pinhole must
   * open for the port the far end reads, and no conforming endpoint reads those as numbers.
   */
  private static int asciiPort(String text) {
    int port = text.isEmpty() ? -1 : 0;
    for (int i = 0; i < text.length() && port >= 0; i++) {
      char c = text.charAt(i);
      port = c < '0' || c > '9' || port > 65535 ? -1 : port * 10 + (c - '0');
    }
    return port;
  }

  /** The attribute value for another port and address (address kept when {@code address} is null). */
  String valueWith(int newPort, String newAddrType, String newAddress) {
    String text = "rtcp:" + newPort;
    if (address != null) {
      text += " IN " + (newAddress != null ? newAddrType + " " + newAddress : addrType + " " + address);
    }
    return text;
  }
}
