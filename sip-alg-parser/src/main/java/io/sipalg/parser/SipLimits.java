package io.sipalg.parser;

/**
 * Immutable bounds on what the {@link SipFramer} buffers for one message. Every limit is checked
 * before memory is committed: a 2 GB {@code Content-Length} is refused by {@link #maxBodyBytes()}
 * without allocating the body.
 *
 * <pre>{@code
 * SipLimits limits = SipLimits.builder().maxBodyBytes(64 * 1024).maxHeaderCount(64).build();
 * }</pre>
 */
public final class SipLimits {
  /** Defaults: 16 KiB header section, 4 KiB line, 128 headers, 1 MiB body. */
  public static final SipLimits DEFAULTS = builder().build();

  private final int maxHeaderSectionBytes;
  private final int maxLineLength;
  private final int maxHeaderCount;
  private final int maxBodyBytes;

  private SipLimits(Builder b) {
    this.maxHeaderSectionBytes = b.maxHeaderSectionBytes;
    this.maxLineLength = b.maxLineLength;
    this.maxHeaderCount = b.maxHeaderCount;
    this.maxBodyBytes = b.maxBodyBytes;
  }

  /** Returns a builder preset with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder preset with this value's limits. */
  public Builder toBuilder() {
    return new Builder()
        .maxHeaderSectionBytes(maxHeaderSectionBytes)
        .maxLineLength(maxLineLength)
        .maxHeaderCount(maxHeaderCount)
        .maxBodyBytes(maxBodyBytes);
  }

  /** Most bytes from the start line up to and including the empty line that ends the headers. */
  public int maxHeaderSectionBytes() {
    return maxHeaderSectionBytes;
  }

  /** Most bytes in one physical line, excluding its CRLF. */
  public int maxLineLength() {
    return maxLineLength;
  }

  /** Most header fields (folded continuation lines count with their field). */
  public int maxHeaderCount() {
    return maxHeaderCount;
  }

  /** Largest accepted {@code Content-Length}. */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  @Override
  public String toString() {
    return "SipLimits{headerSection=" + maxHeaderSectionBytes + ", line=" + maxLineLength
        + ", headers=" + maxHeaderCount + ", body=" + maxBodyBytes + "}";
  }

  /** Builder for {@link SipLimits}; every value must be positive. */
  public static final class Builder {
    private int maxHeaderSectionBytes = 16 * 1024;
    private int maxLineLength = 4 * 1024;
    private int maxHeaderCount = 128;
    private int maxBodyBytes = 1024 * 1024;

    private Builder() {}

    /**
     * Sets {@link SipLimits#maxHeaderSectionBytes()}.
     *
     * @param bytes a positive byte count
     * @return this builder
     */
    public Builder maxHeaderSectionBytes(int bytes) {
      this.maxHeaderSectionBytes = positive(bytes, "maxHeaderSectionBytes");
      return this;
    }

    /**
     * Sets {@link SipLimits#maxLineLength()}.
     *
     * @param bytes a positive byte count
     * @return this builder
     */
    public Builder maxLineLength(int bytes) {
      this.maxLineLength = positive(bytes, "maxLineLength");
      return this;
    }

    /**
     * Sets {@link SipLimits#maxHeaderCount()}.
     *
     * @param count a positive count
     * @return this builder
     */
    public Builder maxHeaderCount(int count) {
      this.maxHeaderCount = positive(count, "maxHeaderCount");
      return this;
    }

    /**
     * Sets {@link SipLimits#maxBodyBytes()}.
     *
     * @param bytes a positive byte count
     * @return this builder
     */
    public Builder maxBodyBytes(int bytes) {
      this.maxBodyBytes = positive(bytes, "maxBodyBytes");
      return this;
    }

    /** Returns the immutable limits. */
    public SipLimits build() {
      return new SipLimits(this);
    }

    private static int positive(int v, String what) {
      if (v <= 0) {
        throw new IllegalArgumentException(what + " must be positive: " + v);
      }
      return v;
    }
  }
}
