package io.sipalg.api.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits FortiOS CLI text into statements (lists of tokens). A statement ends at a line break
 * outside quotes, and an unquoted keyword ({@code config edit set unset next end}) starts a new one,
 * so text pasted from a PDF with several commands on a line ({@code set a "x" set b "y"}) reads as
 * it was meant. Quoted strings may span lines (inline PEM); typographic quotes count as quotes;
 * {@code #} starts a comment.
 */
final class Lexer {
  static final List<String> KEYWORDS = List.of("config", "edit", "set", "unset", "next", "end");

  private final String text;
  private final String file;
  private int pos;
  private int line = 1;
  private int lineStart;

  private Lexer(String text, String file) {
    String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
    this.text = t.replace("\r\n", "\n").replace('\r', '\n');
    this.file = file;
  }

  static List<List<Token>> statements(String text, String file) throws FortiConfigException {
    return new Lexer(text, file).run();
  }

  private List<List<Token>> run() throws FortiConfigException {
    List<List<Token>> statements = new ArrayList<>();
    List<Token> current = new ArrayList<>();
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\n') {
        flush(statements, current);
        current = new ArrayList<>();
        newLine();
      } else if (c == ' ' || c == '\t' || c == '\f' || c == '\u00A0') {
        pos++;
      } else if (c == '#') {
        while (pos < text.length() && text.charAt(pos) != '\n') {
          pos++;
        }
      } else {
        Token token = isQuote(c) ? quoted() : word();
        if (!token.quoted() && KEYWORDS.contains(token.text())) {
          flush(statements, current);
          current = new ArrayList<>();
        }
        current.add(token);
      }
    }
    flush(statements, current);
    return statements;
  }

  private static void flush(List<List<Token>> statements, List<Token> current) {
    if (!current.isEmpty()) {
      statements.add(List.copyOf(current));
    }
  }

  private void newLine() {
    pos++;
    line++;
    lineStart = pos;
  }

  private Token word() {
    int startLine = line;
    int startColumn = pos - lineStart + 1;
    StringBuilder sb = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\u00A0' || isQuote(c)) {
        break;
      }
      if (c == '\\' && pos + 1 < text.length() && text.charAt(pos + 1) != '\n') {
        pos++;
        c = text.charAt(pos);
      }
      sb.append(c);
      pos++;
    }
    return new Token(sb.toString(), false, startLine, startColumn);
  }

  private Token quoted() throws FortiConfigException {
    int startLine = line;
    int startColumn = pos - lineStart + 1;
    char open = text.charAt(pos);
    boolean dbl = isDoubleQuote(open);
    pos++;
    StringBuilder sb = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (dbl ? isDoubleQuote(c) : isSingleQuote(c)) {
        pos++;
        return new Token(sb.toString(), true, startLine, startColumn);
      }
      if (c == '\\' && pos + 1 < text.length()
          && (text.charAt(pos + 1) == '\\' || text.charAt(pos + 1) == open)) {
        sb.append(text.charAt(pos + 1));
        pos += 2;
        continue;
      }
      sb.append(c);
      if (c == '\n') {
        newLine();
      } else {
        pos++;
      }
    }
    throw new FortiConfigException(file, startLine, startColumn,
        "unterminated quoted string: add the closing " + (dbl ? "\"" : "'")
            + " (quoted strings may span lines, so the rest of the file was read as part of it)",
        null);
  }

  private static boolean isQuote(char c) {
    return isDoubleQuote(c) || isSingleQuote(c);
  }

  private static boolean isDoubleQuote(char c) {
    return c == '"' || c == '\u201C' || c == '\u201D' || c == '\u201E';
  }

  private static boolean isSingleQuote(char c) {
    return c == '\'' || c == '\u2018' || c == '\u2019';
  }
}
