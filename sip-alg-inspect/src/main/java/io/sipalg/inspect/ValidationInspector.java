package io.sipalg.inspect;

import io.sipalg.api.MalformedAction;
import io.sipalg.api.MalformedHeaderOption;
import io.sipalg.api.VoipProfile;
import io.sipalg.api.inspect.InspectionContext;
import io.sipalg.api.inspect.SipInspector;
import io.sipalg.api.inspect.Verdict;
import io.sipalg.parser.HeaderError;
import io.sipalg.parser.MalformedHeaderException;
import io.sipalg.parser.SipFrame;
import io.sipalg.parser.SipHeader;
import io.sipalg.parser.SipMessage;
import io.sipalg.parser.SipParseException;
import io.sipalg.parser.Via;
import io.sipalg.parser.Violation;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * First link: {@code max-line-length} / {@code block-long-lines}, {@code max-body-length},
 * {@code malformed-request-line}, every {@code malformed-header-*} (SIP headers and SDP lines),
 * {@code rfc2543-branch} and {@code unknown-header}. Problems are handled in message order; the
 * first discard or respond ends inspection, pass problems are reported and the message goes on.
 */
final class ValidationInspector implements SipInspector {
  private static final Map<String, MalformedHeaderOption> BY_HEADER = new HashMap<>();
  private static final String RFC3261_COOKIE = "z9hG4bK";

  static {
    for (MalformedHeaderOption o : MalformedHeaderOption.values()) {
      BY_HEADER.put(o.isSdp() ? "sdp:" + o.line().charAt(0) : o.line().toLowerCase(Locale.ROOT), o);
    }
  }

  private final VoipProfile profile;
  private final InspectionLog log;

  ValidationInspector(VoipProfile profile, InspectionLog log) {
    this.profile = profile;
    this.log = log;
  }

  /** The option for a header name or {@code sdp:x} as the parser names them, or null. */
  static MalformedHeaderOption optionFor(String name) {
    return BY_HEADER.get(name.toLowerCase(Locale.ROOT));
  }

  @Override
  public Verdict inspect(SipMessage message, InspectionContext context) {
    Verdict v = lineLength(message, context);
    if (v == null) {
      v = bodyLength(message, context);
    }
    if (v == null) {
      v = structure(message, context);
    }
    if (v == null) {
      v = rfc2543Branch(message, context);
    }
    if (v == null) {
      v = sdp(message, context);
    }
    if (v == null) {
      v = unknownHeaders(message, context);
    }
    if (v != null) {
      return v;
    }
    replaceUnsafeControls(message, context);
    return Verdict.forward();
  }

  /**
   * A message that goes on never carries a bare CR or a NUL in its head: whatever option passed it
   * (or none governs the header, e.g. Subject), the next element may read a bare CR as a line end,
   * letting one header smuggle in another, and a NUL as the end of a value. They become SP, as
   * RFC 9110 5.5 allows a forwarding element, and a note says so.
   */
  private static void replaceUnsafeControls(SipMessage message, InspectionContext context) {
    if (!message.hasUnsafeControls()) {
      return; // nearly every message: no editor, no allocation
    }
    int replaced = message.edit().replaceUnsafeControls();
    if (context.notesEnabled()) {
      context.note("validation: " + replaced + " bare CR/NUL byte(s) in the headers replaced by SP");
    }
  }

  private Verdict lineLength(SipMessage message, InspectionContext context) {
    int max = profile.maxLineLength();
    int longest = message.longestLineLength();
    if (longest <= max) {
      return null;
    }
    String where = message.headersWithLinesLongerThan(max).stream().findFirst()
        .map(h -> h.canonicalName() + " header").orElse("start line");
    String detail = where + " line of " + longest + " bytes exceeds max-line-length " + max;
    MalformedAction action = profile.blockLongLines() ? MalformedAction.RESPOND : MalformedAction.PASS;
    return Outcome.apply(context, log, message, "max-line-length", action, detail, 413,
        "Request Entity Too Large");
  }

  private Verdict bodyLength(SipMessage message, InspectionContext context) {
    long max = profile.maxBodyLength();
    if (max <= 0 || message.bodyLength() <= max) {
      return null;
    }
    return Outcome.apply(context, log, message, "max-body-length", MalformedAction.DISCARD,
        "body of " + message.bodyLength() + " bytes exceeds max-body-length " + max, 413,
        "Request Entity Too Large");
  }

  /** Request line and headers, as {@link SipMessage#validate()} reports them. */
  private Verdict structure(SipMessage message, InspectionContext context) {
    for (Violation violation : message.validate()) {
      String option;
      MalformedAction action;
      String label;
      switch (violation.kind()) {
        case UNSUPPORTED_VERSION:
        case BAD_REQUEST_URI:
          if (!message.isRequest()) {
            continue; // status lines of responses are not inspected this way
          }
          option = "malformed-request-line";
          action = profile.malformedRequestLine();
          label = "request line";
          break;
        case TRUNCATED:
          continue; // the framer delivers whole messages; nothing an option governs
        default:
          MalformedHeaderOption header = optionFor(violation.header());
          if (header != null) {
            option = header.optionName();
            action = profile.malformedAction(header);
            label = header.line() + " header";
          } else if (violation.kind() == Violation.Kind.MALFORMED_HEADER && !isKnownName(violation.header())) {
            option = "unknown-header";
            action = profile.unknownHeader();
            label = "header line";
          } else {
            continue; // a known header no FortiOS option governs (e.g. Date): RFC-checked elsewhere
          }
      }
      Verdict v = Outcome.apply(context, log, message, option, action, violation.detail(), 400,
          "Bad Request (malformed " + label + ")");
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static boolean isKnownName(String name) {
    return io.sipalg.parser.HeaderNames.isKnown(name);
  }

  /** With {@code rfc2543-branch disable}, a request whose top Via lacks the RFC 3261 cookie is a malformed Via. */
  private Verdict rfc2543Branch(SipMessage message, InspectionContext context) {
    if (profile.rfc2543Branch() || !message.isRequest()) {
      return null;
    }
    Via top;
    try {
      top = message.topVia();
    } catch (MalformedHeaderException e) {
      return null; // already handled as malformed-header-via
    }
    if (top == null || (top.branch() != null && top.branch().startsWith(RFC3261_COOKIE))) {
      return null;
    }
    String detail = "top Via branch " + (top.branch() == null ? "missing" : top.branch())
        + " is RFC 2543-style (no z9hG4bK) and rfc2543-branch is disabled";
    return Outcome.apply(context, log, message, "rfc2543-branch",
        profile.malformedAction(MalformedHeaderOption.VIA), detail, 400,
        "Bad Request (malformed Via header)");
  }

  private Verdict sdp(SipMessage message, InspectionContext context) {
    if (message.bodyLength() == 0 || !isSdp(message)) {
      return null;
    }
    for (HeaderError error : message.sdp().malformedLines()) {
      MalformedHeaderOption option = optionFor(error.name());
      if (option == null) {
        continue; // u=, e=, p= and unknown types have no FortiOS option
      }
      Verdict v = Outcome.apply(context, log, message, option.optionName(),
          profile.malformedAction(option), "malformed SDP " + option.line() + " line at body offset "
              + error.offset() + ": " + error.reason(), 400,
          "Bad Request (malformed SDP " + option.line() + " line)");
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  static boolean isSdp(SipMessage message) {
    try {
      return "application/sdp".equals(message.contentType());
    } catch (MalformedHeaderException e) {
      return false;
    }
  }

  private Verdict unknownHeaders(SipMessage message, InspectionContext context) {
    for (SipHeader header : message.unknownHeaders()) {
      if (!header.hasValidName()) {
        continue; // reported by structure() as a malformed line
      }
      Verdict v = Outcome.apply(context, log, message, "unknown-header", profile.unknownHeader(),
          "unknown header " + header.name(), 400, "Bad Request (unknown " + header.name() + " header)");
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  /**
   * A message whose start line does not parse. For a request this is {@code malformed-request-line};
   * a response's status line is not inspected this way and an unusable one is dropped.
   */
  @Override
  public Verdict inspectUnparseable(SipFrame frame, SipParseException error, InspectionContext context) {
    if (!frame.isMessage()) {
      return Verdict.forward();
    }
    boolean response = startsWith(frame, "SIP/");
    String detail = "unparseable start line: " + error.getMessage();
    if (response) {
      return Verdict.drop("unusable status line: " + error.getMessage());
    }
    switch (profile.malformedRequestLine()) {
      case PASS:
        if (frame.hasUnsafeControls()) { // cannot be edited unparsed, and must not go on as it is
          String why = detail + " (pass: holds a bare CR or NUL, so discarded instead)";
          log.violation(context, "malformed-request-line", "discard", why);
          return Verdict.drop("malformed-request-line: " + why);
        }
        log.violation(context, "malformed-request-line", "pass", detail);
        return Verdict.forward();
      case RESPOND:
        log.violation(context, "malformed-request-line", "respond", detail);
        return Verdict.respond(400, "Bad Request (malformed request line)");
      case DISCARD:
      default:
        log.violation(context, "malformed-request-line", "discard", detail);
        return Verdict.drop("malformed-request-line: " + detail);
    }
  }

  private static boolean startsWith(SipFrame frame, String prefix) {
    byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
    if (frame.length() < p.length) {
      return false;
    }
    for (int i = 0; i < p.length; i++) {
      if (frame.array()[frame.offset() + i] != p[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "validation";
  }
}
