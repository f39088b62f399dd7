package io.sipalg.api.config;

/** A word or quoted string of the CLI text, with its 1-based position. */
record Token(String text, boolean quoted, int line, int column) {
  /** Whether this is the unquoted keyword {@code word}. */
  boolean is(String word) {
    return !quoted && text.equals(word);
  }

  /** The token as shown in messages. */
  String shown() {
    return quoted ? '"' + text + '"' : text;
  }
}
