package io.sipalg.parser;

/** Internal: a tokeniser found bad syntax at an absolute buffer index. Never escapes the API. */
final class BadSyntax extends Exception {
  private static final long serialVersionUID = 1L;

  final int index;

  BadSyntax(int index, String reason) {
    super(reason, null, false, false);
    this.index = index;
  }
}
