package io.sipalg.api.config;

/**
 * An invalid FortiOS configuration: where it is ({@link #file()}, {@link #line()}, {@link
 * #column()}) and what was expected. {@link #format()} gives the compiler-style {@code
 * FILE:LINE:COL: message} that the {@code show-config} command prints.
 *
 * <pre>{@code
 * try {
 *   FortiConfig config = FortiConfigReader.read(Path.of("alg.conf"));
 * } catch (FortiConfigException e) {
 *   System.err.println(e.format()); // alg.conf:12:9: expected 'edit' or 'end' but found 'sett'
 * }
 * }</pre>
 */
public final class FortiConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final int column;
  private final String detail;

  /**
   * Creates the exception.
   *
   * @param file the file name as given to the reader ({@code "<text>"} for text without a file)
   * @param line 1-based line
   * @param column 1-based column
   * @param detail what is wrong and what was expected
   * @param cause the underlying error, or {@code null}
   */
  public FortiConfigException(String file, int line, int column, String detail, Throwable cause) {
    super(file + ":" + line + ":" + column + ": " + detail, cause);
    this.file = file;
    this.line = line;
    this.column = column;
    this.detail = detail;
  }

  /** The file name as given to the reader, or {@code "<text>"}. */
  public String file() {
    return file;
  }

  /** The 1-based line. */
  public int line() {
    return line;
  }

  /** The 1-based column. */
  public int column() {
    return column;
  }

  /** The message without the location. */
  public String detail() {
    return detail;
  }

  /** {@code FILE:LINE:COL: message}. */
  public String format() {
    return getMessage();
  }
}
