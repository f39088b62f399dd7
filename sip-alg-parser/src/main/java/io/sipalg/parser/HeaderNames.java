package io.sipalg.parser;

/** Canonical SIP header names and their RFC 3261 / RFC 3903 / RFC 4028 / RFC 3515 compact forms. */
public final class HeaderNames {
  private HeaderNames() {}

  /**
   * Returns the long header name for a one-letter compact form, or {@code null} when the letter is
   * not a compact form. Case-insensitive, as header names are.
   */
  public static String expandCompact(char compact) {
    switch (Character.toLowerCase(compact)) {
      case 'i': return "Call-ID";
      case 'm': return "Contact";
      case 'e': return "Content-Encoding";
      case 'l': return "Content-Length";
      case 'c': return "Content-Type";
      case 'f': return "From";
      case 's': return "Subject";
      case 'k': return "Supported";
      case 't': return "To";
      case 'v': return "Via";
      case 'o': return "Event";
      case 'u': return "Allow-Events";
      case 'r': return "Refer-To";
      case 'b': return "Referred-By";
      case 'x': return "Session-Expires";
      case 'y': return "Identity";
      default: return null;
    }
  }
}
