package io.sipalg.inspect;

/**
 * A header value handed to a configured regular expression with a budget of character reads.
 * {@code java.util.regex} backtracks: it memoises the classic {@code (a+)+b}, but a pattern like
 * {@code (.*a){12}} still takes ~n^12 steps on {@code aaa...a!} (past a minute at 49 bytes), and the value
 * comes from the network. Every read counts against one budget
 * shared by the sub-sequences the matcher takes; when it runs out, {@link Exhausted} ends the match.
 */
final class BoundedInput implements CharSequence {
  /** Reads per character of the value, and at least this many in all: a linear pattern uses a few. */
  static final int READS_PER_CHAR = 64;
  static final int MIN_READS = 16_384;

  /** Thrown when the budget is used up; carries no stack trace (it is control flow, not a bug). */
  static final class Exhausted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Exhausted() {
      super("regular expression gave up", null, false, false);
    }
  }

  private final String value;
  private final int from;
  private final int to;
  private final long[] budget;

  /** The whole value with a budget scaled to its length. */
  static BoundedInput of(String value) {
    return new BoundedInput(value, 0, value.length(), new long[] {budgetFor(value)});
  }

  private BoundedInput(String value, int from, int to, long[] budget) {
    this.value = value;
    this.from = from;
    this.to = to;
    this.budget = budget;
  }

  /** Reads allowed for the whole value ({@link #of}): what an error message can quote. */
  static long budgetFor(String value) {
    return Math.max(MIN_READS, (long) READS_PER_CHAR * value.length());
  }

  @Override
  public int length() {
    return to - from;
  }

  @Override
  public char charAt(int index) {
    if (--budget[0] < 0) {
      throw new Exhausted();
    }
    if (index < 0 || index >= to - from) {
      throw new IndexOutOfBoundsException(index);
    }
    return value.charAt(from + index);
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    if (start < 0 || end > to - from || start > end) {
      throw new IndexOutOfBoundsException("[" + start + ", " + end + ") of " + (to - from));
    }
    return new BoundedInput(value, from + start, from + end, budget);
  }

  @Override
  public String toString() {
    return value.substring(from, to);
  }
}
