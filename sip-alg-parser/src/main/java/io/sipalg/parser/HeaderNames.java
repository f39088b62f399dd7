package io.sipalg.parser;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Canonical SIP header names, their RFC 3261 / RFC 3903 / RFC 4028 / RFC 3515 compact forms and the
 * registry of header names this module considers "known" (for the {@code unknown-header} option).
 */
public final class HeaderNames {
  private HeaderNames() {}

  /** {@code Via}. */
  public static final String VIA = "Via";
  /** {@code From}. */
  public static final String FROM = "From";
  /** {@code To}. */
  public static final String TO = "To";
  /** {@code Call-ID}. */
  public static final String CALL_ID = "Call-ID";
  /** {@code CSeq}. */
  public static final String CSEQ = "CSeq";
  /** {@code RAck}. */
  public static final String RACK = "RAck";
  /** {@code RSeq}. */
  public static final String RSEQ = "RSeq";
  /** {@code Contact}. */
  public static final String CONTACT = "Contact";
  /** {@code Record-Route}. */
  public static final String RECORD_ROUTE = "Record-Route";
  /** {@code Route}. */
  public static final String ROUTE = "Route";
  /** {@code Expires}. */
  public static final String EXPIRES = "Expires";
  /** {@code Content-Type}. */
  public static final String CONTENT_TYPE = "Content-Type";
  /** {@code Content-Length}. */
  public static final String CONTENT_LENGTH = "Content-Length";
  /** {@code Max-Forwards}. */
  public static final String MAX_FORWARDS = "Max-Forwards";
  /** {@code Allow}. */
  public static final String ALLOW = "Allow";
  /** {@code P-Asserted-Identity}. */
  public static final String P_ASSERTED_IDENTITY = "P-Asserted-Identity";
  /** {@code Require}. */
  public static final String REQUIRE = "Require";
  /** {@code Proxy-Require}. */
  public static final String PROXY_REQUIRE = "Proxy-Require";

  private static final String[] KNOWN = {
    "Accept", "Accept-Contact", "Accept-Encoding", "Accept-Language", "Accept-Resource-Priority",
    "Alert-Info", "Allow", "Allow-Events", "Answer-Mode", "Authentication-Info", "Authorization",
    "Call-ID", "Call-Info", "Contact", "Content-Disposition", "Content-Encoding",
    "Content-Language", "Content-Length", "Content-Type", "CSeq", "Date", "Error-Info", "Event",
    "Expires", "Flow-Timer", "From", "Geolocation", "Geolocation-Error", "Geolocation-Routing",
    "History-Info", "Identity", "Identity-Info", "Info-Package", "In-Reply-To", "Join",
    "Max-Breadth", "Max-Forwards", "MIME-Version", "Min-Expires", "Min-SE", "Organization",
    "P-Access-Network-Info", "P-Asserted-Identity", "P-Asserted-Service", "P-Associated-URI",
    "P-Called-Party-ID", "P-Charging-Function-Addresses", "P-Charging-Vector",
    "P-Early-Media", "P-Media-Authorization", "P-Preferred-Identity", "P-Preferred-Service",
    "P-Profile-Key", "P-Served-User", "P-Visited-Network-ID", "Path", "Permission-Missing",
    "Policy-Contact", "Policy-ID", "Priority", "Privacy", "Proxy-Authenticate",
    "Proxy-Authorization", "Proxy-Require", "RAck", "Reason", "Record-Route", "Recv-Info",
    "Refer-Sub", "Refer-To", "Referred-By", "Reject-Contact", "Replaces", "Reply-To",
    "Request-Disposition", "Require", "Resource-Priority", "Retry-After", "Route", "RSeq",
    "Security-Client", "Security-Server", "Security-Verify", "Server", "Service-Route",
    "Session-Expires", "Session-ID", "SIP-ETag", "SIP-If-Match", "Subject", "Subscription-State",
    "Supported", "Suppress-If-Match", "Target-Dialog", "Timestamp", "To", "Trigger-Consent",
    "Unsupported", "User-Agent", "User-to-User", "Via", "Warning", "WWW-Authenticate"
  };

  private static final Map<String, String> CANONICAL = new HashMap<>();

  /** The registered name strings themselves, compared by identity (see isKnownCanonical). */
  private static final java.util.Set<String> KNOWN_INSTANCES =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  static {
    for (String name : KNOWN) {
      CANONICAL.put(name.toLowerCase(Locale.ROOT), name);
    }
    KNOWN_INSTANCES.addAll(CANONICAL.values());
    for (char c = 'a'; c <= 'z'; c++) {
      String expanded = expandCompact(c);
      if (expanded != null) {
        KNOWN_INSTANCES.add(expanded);
      }
    }
  }

  /**
   * Registered names by the case-insensitive hash of their bytes (open addressing), so a header
   * line's name is looked up without making a String of it: validation asks for the canonical
   * name of every header of every message.
   */
  private static final int TABLE_MASK = 511;
  private static final byte[][] TABLE_KEYS = new byte[TABLE_MASK + 1][];
  private static final String[] TABLE_NAMES = new String[TABLE_MASK + 1];

  static {
    for (String name : KNOWN) {
      addToTable(name.toLowerCase(Locale.ROOT), name);
    }
    for (char c = 'a'; c <= 'z'; c++) {
      String expanded = expandCompact(c);
      if (expanded != null) {
        addToTable(String.valueOf(c), expanded);
      }
    }
  }

  private static void addToTable(String lowerKey, String name) {
    byte[] key = Lex.ascii(lowerKey);
    int slot = hash(key, 0, key.length) & TABLE_MASK;
    while (TABLE_KEYS[slot] != null) {
      slot = (slot + 1) & TABLE_MASK;
    }
    TABLE_KEYS[slot] = key;
    TABLE_NAMES[slot] = name;
  }

  private static int hash(byte[] b, int start, int end) {
    int h = 0;
    for (int i = start; i < end; i++) {
      h = 31 * h + Lex.lower(b[i]);
    }
    return h ^ (h >>> 9);
  }

  /**
   * The registered spelling of the header name {@code b[start, end)} (any case; a compact form is
   * expanded), or {@code null} when it is not registered. Same answer as
   * {@link #canonical(String)} for ASCII names, without allocating.
   */
  static String registered(byte[] b, int start, int end) {
    int slot = hash(b, start, end) & TABLE_MASK;
    for (byte[] key; (key = TABLE_KEYS[slot]) != null; slot = (slot + 1) & TABLE_MASK) {
      if (key.length == end - start && lowerEquals(b, start, key)) {
        return TABLE_NAMES[slot];
      }
    }
    return null;
  }

  private static boolean lowerEquals(byte[] b, int start, byte[] lowerKey) {
    for (int k = 0; k < lowerKey.length; k++) {
      if (Lex.lower(b[start + k]) != lowerKey[k]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the long header name for a one-letter compact form, or {@code null} when the letter is
   * not a compact form. Case-insensitive, as header names are.
   */
  public static String expandCompact(char compact) {
    switch (Character.toLowerCase(compact)) {
      case 'i': return CALL_ID;
      case 'm': return CONTACT;
      case 'e': return "Content-Encoding";
      case 'l': return CONTENT_LENGTH;
      case 'c': return CONTENT_TYPE;
      case 'f': return FROM;
      case 's': return "Subject";
      case 'k': return "Supported";
      case 't': return TO;
      case 'v': return VIA;
      case 'o': return "Event";
      case 'u': return "Allow-Events";
      case 'r': return "Refer-To";
      case 'b': return "Referred-By";
      case 'x': return "Session-Expires";
      case 'y': return "Identity";
      default: return null;
    }
  }

  /**
   * Returns the compact letter of a header name, or {@code 0} when it has none; a compact name
   * returns itself in lower case.
   */
  public static char compactFormOf(String longName) {
    switch (longName) { // fast path for the canonical spellings used by the accessors
      case CALL_ID: return 'i';
      case CONTACT: return 'm';
      case CONTENT_LENGTH: return 'l';
      case CONTENT_TYPE: return 'c';
      case FROM: return 'f';
      case TO: return 't';
      case VIA: return 'v';
      case CSEQ: case MAX_FORWARDS: case ROUTE: case RECORD_ROUTE: case EXPIRES: return 0;
      default: break;
    }
    if (longName.length() == 1 && expandCompact(longName.charAt(0)) != null) {
      return Character.toLowerCase(longName.charAt(0));
    }
    for (int i = 0; i < COMPACT.length; i++) {
      if (COMPACT[i] != null && COMPACT[i].equalsIgnoreCase(longName)) {
        return (char) ('a' + i);
      }
    }
    return 0;
  }

  /** Long names indexed by compact letter - 'a'. */
  private static final String[] COMPACT = new String[26];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      COMPACT[c - 'a'] = expandCompact(c);
    }
  }

  /**
   * Returns the canonical spelling of a header name: compact forms are expanded, known names get
   * their registered case, unknown names are returned unchanged.
   */
  public static String canonical(String name) {
    if (name.length() == 1) {
      String expanded = expandCompact(name.charAt(0));
      if (expanded != null) {
        return expanded;
      }
    }
    String known = CANONICAL.get(name.toLowerCase(Locale.ROOT));
    return known != null ? known : name;
  }

  /** Whether a header name (long or compact, any case) is a registered SIP header name. */
  public static boolean isKnown(String name) {
    if (name.length() == 1 && expandCompact(name.charAt(0)) != null) {
      return true;
    }
    return CANONICAL.containsKey(name.toLowerCase(Locale.ROOT));
  }

  /**
   * Whether {@code canonical}, a result of {@link #canonical(String)}, is a registered name: known
   * names come back as the registered string itself, so identity decides without lower-casing.
   */
  static boolean isKnownCanonical(String canonical) {
    return KNOWN_INSTANCES.contains(canonical);
  }

  /** Every registered name, as {@link #canonical(String)} spells it (for tests and tools). */
  static java.util.Set<String> registeredNames() {
    return java.util.Collections.unmodifiableSet(KNOWN_INSTANCES);
  }

  /** Whether two header names (long or compact, any case) name the same header. */
  public static boolean sameHeader(String a, String b) {
    return canonical(a).equalsIgnoreCase(canonical(b));
  }

  /**
   * Whether the header line starting at {@code p} is {@code longName} (or its compact form): the
   * name, optional SP/HT, then ':'. Exits at the first differing byte, without finding the colon.
   */
  static boolean lineIs(byte[] b, int p, int end, String longName, char compact) {
    int q = -1;
    int n = longName.length();
    if (p + n <= end && Lex.lower(b[p]) == Lex.lower(longName.charAt(0))
        && Lex.equalsIgnoreCase(b, p, p + n, longName)) {
      q = p + n;
    } else if (compact != 0 && p < end && Lex.lower(b[p]) == compact) {
      q = p + 1;
    }
    if (q < 0) {
      return false;
    }
    while (q < end && (b[q] == ' ' || b[q] == '\t')) {
      q++;
    }
    return q < end && b[q] == ':';
  }
}
