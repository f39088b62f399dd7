package io.sipalg.parser;

import java.util.Map;

/** Internal: RFC 3261 21 (and extensions) default reason phrases. */
final class ReasonPhrases {
  private ReasonPhrases() {}

  private static final Map<Integer, String> PHRASES = Map.ofEntries(
      Map.entry(100, "Trying"), Map.entry(180, "Ringing"), Map.entry(183, "Session Progress"),
      Map.entry(200, "OK"), Map.entry(202, "Accepted"), Map.entry(400, "Bad Request"),
      Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"),
      Map.entry(405, "Method Not Allowed"), Map.entry(406, "Not Acceptable"),
      Map.entry(408, "Request Timeout"), Map.entry(413, "Request Entity Too Large"),
      Map.entry(414, "Request-URI Too Long"), Map.entry(415, "Unsupported Media Type"),
      Map.entry(416, "Unsupported URI Scheme"), Map.entry(420, "Bad Extension"),
      Map.entry(421, "Extension Required"), Map.entry(423, "Interval Too Brief"),
      Map.entry(480, "Temporarily Unavailable"), Map.entry(481, "Call/Transaction Does Not Exist"),
      Map.entry(482, "Loop Detected"), Map.entry(483, "Too Many Hops"),
      Map.entry(486, "Busy Here"), Map.entry(487, "Request Terminated"),
      Map.entry(488, "Not Acceptable Here"), Map.entry(500, "Server Internal Error"),
      Map.entry(501, "Not Implemented"), Map.entry(503, "Service Unavailable"),
      Map.entry(504, "Server Time-out"), Map.entry(505, "Version Not Supported"),
      Map.entry(513, "Message Too Large"), Map.entry(600, "Busy Everywhere"),
      Map.entry(603, "Decline"));

  static String of(int code) {
    String p = PHRASES.get(code);
    return p != null ? p : "Status " + code;
  }
}
