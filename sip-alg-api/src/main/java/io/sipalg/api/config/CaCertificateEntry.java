package io.sipalg.api.config;

import java.util.Objects;

/**
 * A {@code config vpn certificate ca} entry as written. Exactly one of the two is set.
 *
 * @param name the entry name ({@code edit NAME})
 * @param ca {@code ca}: inline PEM ({@code ""} if not set)
 * @param caFile {@code ca-file} (sip-alg extension): PEM file relative to the config file's
 *     directory ({@code ""} if not set)
 */
public record CaCertificateEntry(String name, String ca, String caFile) {
  /** Checks that no part is {@code null}. */
  public CaCertificateEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(ca, "ca");
    Objects.requireNonNull(caFile, "caFile");
  }
}
