package io.sipalg.tls.engine;

import java.util.Locale;
import java.util.Optional;

/** Protocol versions the ALG can enable, with their FortiOS option value and JSSE name. */
public enum TlsVersion {
  /** SSL 3.0. */
  SSL_3_0("ssl-3.0", "SSLv3", 0x0300),
  /** TLS 1.0. */
  TLS_1_0("tls-1.0", "TLSv1", 0x0301),
  /** TLS 1.1. */
  TLS_1_1("tls-1.1", "TLSv1.1", 0x0302),
  /** TLS 1.2. */
  TLS_1_2("tls-1.2", "TLSv1.2", 0x0303),
  /** TLS 1.3. */
  TLS_1_3("tls-1.3", "TLSv1.3", 0x0304);

  private final String fortiosName;
  private final String jsseName;
  private final int wireVersion;

  TlsVersion(String fortiosName, String jsseName, int wireVersion) {
    this.fortiosName = fortiosName;
    this.jsseName = jsseName;
    this.wireVersion = wireVersion;
  }

  /** The value used by {@code ssl-min-version} / {@code ssl-max-version}, e.g. {@code tls-1.2}. */
  public String fortiosName() {
    return fortiosName;
  }

  /** The protocol name JSSE uses, e.g. {@code TLSv1.2}. */
  public String jsseName() {
    return jsseName;
  }

  /** The two-byte version as it appears on the wire, e.g. {@code 0x0303} for TLS 1.2. */
  public int wireVersion() {
    return wireVersion;
  }

  /** Finds a version by its JSSE name ({@code TLSv1.2}). */
  public static Optional<TlsVersion> fromJsseName(String name) {
    for (TlsVersion v : values()) {
      if (v.jsseName.equals(name)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /** Finds a version by its FortiOS value ({@code tls-1.2}), ignoring case. */
  public static Optional<TlsVersion> fromFortiosName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (TlsVersion v : values()) {
      if (v.fortiosName.equals(n)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /** Finds a version by its wire value ({@code 0x0303}). */
  public static Optional<TlsVersion> fromWire(int wire) {
    for (TlsVersion v : values()) {
      if (v.wireVersion == wire) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
