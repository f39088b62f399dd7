package io.sipalg.api;

/**
 * Values of {@code ssl-min-version} / {@code ssl-max-version}, oldest first, each with its JSSE
 * protocol name.
 *
 * <pre>{@code
 * List<String> protocols = TlsVersion.TLS_1_2.upTo(TlsVersion.TLS_1_3); // [TLSv1.2, TLSv1.3]
 * }</pre>
 */
public enum TlsVersion implements FortiOsValue {
  /** {@code ssl-3.0}: SSL 3.0 ({@code SSLv3}). */
  SSL_3_0("ssl-3.0", "SSLv3"),
  /** {@code tls-1.0}: TLS 1.0 ({@code TLSv1}). */
  TLS_1_0("tls-1.0", "TLSv1"),
  /** {@code tls-1.1}: TLS 1.1 ({@code TLSv1.1}). */
  TLS_1_1("tls-1.1", "TLSv1.1"),
  /** {@code tls-1.2}: TLS 1.2 ({@code TLSv1.2}). */
  TLS_1_2("tls-1.2", "TLSv1.2"),
  /** {@code tls-1.3}: TLS 1.3 ({@code TLSv1.3}). */
  TLS_1_3("tls-1.3", "TLSv1.3");

  private final String fortiOsName;
  private final String jsseName;

  TlsVersion(String fortiOsName, String jsseName) {
    this.fortiOsName = fortiOsName;
    this.jsseName = jsseName;
  }

  @Override
  public String fortiOsName() {
    return fortiOsName;
  }

  /** The protocol name for {@code SSLParameters.setProtocols}, e.g. {@code "TLSv1.2"}. */
  public String jsseName() {
    return jsseName;
  }

  /**
   * The JSSE names of this version and every later one up to {@code max}, oldest first.
   *
   * @param max the highest version, inclusive
   * @return the JSSE protocol names; empty if {@code max} is older than this version
   */
  public java.util.List<String> upTo(TlsVersion max) {
    java.util.List<String> names = new java.util.ArrayList<>();
    for (TlsVersion v : values()) {
      if (v.compareTo(this) >= 0 && v.compareTo(max) <= 0) {
        names.add(v.jsseName);
      }
    }
    return java.util.List.copyOf(names);
  }

  /**
   * The version with the given JSSE name.
   *
   * @param jsseName e.g. {@code "TLSv1.3"}
   * @return the version
   * @throws IllegalArgumentException if the name is not one of the five versions
   */
  public static TlsVersion fromJsseName(String jsseName) {
    for (TlsVersion v : values()) {
      if (v.jsseName.equals(jsseName)) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown JSSE protocol name '" + jsseName + "'");
  }

  @Override
  public String toString() {
    return fortiOsName;
  }
}
