package io.sipalg.parser;

import io.sipalg.parser.Violation.Kind;
import java.util.ArrayList;
import java.util.List;

/** Internal: the checks behind {@link SipMessage#validate()}. */
final class Validation {
  private Validation() {}

  // Hot headers only (HotHeaders ids): validate() answers presence and repetition from one census.
  private static final String[] REQUIRED = {
    HeaderNames.TO, HeaderNames.FROM, HeaderNames.CALL_ID, HeaderNames.CSEQ, HeaderNames.VIA
  };
  private static final String[] SINGLE = {
    HeaderNames.TO, HeaderNames.FROM, HeaderNames.CALL_ID, HeaderNames.CSEQ,
    HeaderNames.MAX_FORWARDS, HeaderNames.CONTENT_LENGTH, HeaderNames.CONTENT_TYPE,
    HeaderNames.EXPIRES
  };

  static {
    for (String[] names : new String[][] {REQUIRED, SINGLE}) {
      for (String name : names) {
        if (HotHeaders.idOf(name) == HotHeaders.OTHER) {
          throw new AssertionError(name + " is not a HotHeaders name: the census cannot see it");
        }
      }
    }
  }

  static List<Violation> validate(SipMessage m) {
    List<Violation> out = new ArrayList<>(0);
    if (!m.isSip20()) {
      out.add(new Violation(Kind.UNSUPPORTED_VERSION, "start line", 0,
          "unsupported SIP version " + m.version()));
    }
    if (m.isRequest()) {
      try {
        SipUri uri = m.requestUri();
        if (uri.hasHeaders() && !uri.headers().isEmpty()) { // the map only for a '?'
          out.add(new Violation(Kind.BAD_REQUEST_URI, "Request-URI", uri.toString().indexOf('?'),
              "Request-URI must not contain URI headers"));
        }
      } catch (MalformedHeaderException e) {
        out.add(new Violation(Kind.BAD_REQUEST_URI, "Request-URI", e.error().offset(),
            "malformed Request-URI at offset " + e.error().offset() + ": " + e.error().reason()));
      }
    }
    if (!m.headerSectionTerminated()) {
      out.add(new Violation(Kind.TRUNCATED, "header section", m.length(),
          "header section not terminated by an empty line"));
    }
    for (HeaderError e : m.malformedHeaders()) {
      out.add(new Violation(Kind.MALFORMED_HEADER, e.name(), e.offset(), e.toString()));
    }
    long census = m.hotIdCensus(); // every REQUIRED and SINGLE name is a hot header
    for (String name : REQUIRED) {
      if ((census & (1L << HotHeaders.idOf(name))) == 0) {
        out.add(new Violation(Kind.MISSING_HEADER, name, -1, "missing " + name + " header"));
      }
    }
    for (String name : SINGLE) {
      if ((census & (1L << (32 + HotHeaders.idOf(name)))) == 0) {
        continue; // present at most once
      }
      int first = m.find(name, 0);
      int second = first < 0 ? -1 : m.find(name, first + 1);
      if (second >= 0) {
        int offset = m.header(second).offset();
        out.add(new Violation(Kind.DUPLICATE_HEADER, name, offset,
            "duplicate " + name + " header at offset " + offset));
      }
    }
    if (m.isRequest()) {
      try {
        CSeq cseq = m.cseq();
        if (cseq != null && !m.isMethod(cseq.method())) {
          SipHeader field = m.header(HeaderNames.CSEQ);
          out.add(new Violation(Kind.CSEQ_METHOD_MISMATCH, HeaderNames.CSEQ, field.offset(),
              "CSeq method " + cseq.method() + " does not match request method " + m.method()));
        }
      } catch (MalformedHeaderException e) {
        // already reported as malformed
      }
    }
    return out;
  }
}
