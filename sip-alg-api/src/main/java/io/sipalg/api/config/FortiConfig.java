package io.sipalg.api.config;

import io.sipalg.api.SystemSettings;
import io.sipalg.api.VoipProfile;
import io.sipalg.api.cert.CertificateStore;
import io.sipalg.api.cert.Peer;
import io.sipalg.api.cert.PeerGroup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * A resolved FortiOS-style configuration: system settings, certificate entries, peers, peer groups
 * and named VoIP profiles, with every certificate loaded into a {@link CertificateStore} and every
 * cross-reference checked. Immutable except for the store, which the host may change at run time.
 * Made by {@link FortiConfigReader}; printed by {@link FortiConfigWriter}.
 *
 * <pre>{@code
 * FortiConfig config = FortiConfigReader.read(Path.of("alg.conf"));
 * VoipProfile profile = config.profile("default");
 * int port = config.systemSettings().sipSslPort();
 * LocalCertificate server = config.certificateStore().local(profile.sslServerCertificate());
 * }</pre>
 *
 * <p>Two configurations are equal when their settings, entries (as written), peers, groups and
 * profiles are equal; the loaded store and the base directory are not compared.
 */
public final class FortiConfig {
  private final SystemSettings systemSettings;
  private final List<LocalCertificateEntry> localCertificates;
  private final List<CaCertificateEntry> caCertificates;
  private final List<Peer> peers;
  private final List<PeerGroup> peerGroups;
  private final Map<String, VoipProfile> profiles;
  private final CertificateStore store;
  private final Path baseDirectory;

  FortiConfig(SystemSettings systemSettings, List<LocalCertificateEntry> localCertificates,
      List<CaCertificateEntry> caCertificates, List<Peer> peers, List<PeerGroup> peerGroups,
      List<VoipProfile> profiles, CertificateStore store, Path baseDirectory) {
    this.systemSettings = systemSettings;
    this.localCertificates = List.copyOf(localCertificates);
    this.caCertificates = List.copyOf(caCertificates);
    this.peers = List.copyOf(peers);
    this.peerGroups = List.copyOf(peerGroups);
    Map<String, VoipProfile> map = new LinkedHashMap<>();
    for (VoipProfile p : profiles) {
      map.put(p.name(), p);
    }
    this.profiles = map;
    this.store = store;
    this.baseDirectory = baseDirectory;
  }

  /** {@code config system settings}. */
  public SystemSettings systemSettings() {
    return systemSettings;
  }

  /** {@code config vpn certificate local}, as written, in file order. */
  public List<LocalCertificateEntry> localCertificates() {
    return localCertificates;
  }

  /** {@code config vpn certificate ca}, as written, in file order. */
  public List<CaCertificateEntry> caCertificates() {
    return caCertificates;
  }

  /** {@code config user peer}, in file order. */
  public List<Peer> peers() {
    return peers;
  }

  /** {@code config user peergrp}, in file order. */
  public List<PeerGroup> peerGroups() {
    return peerGroups;
  }

  /** {@code config voip profile}, in file order. */
  public List<VoipProfile> profiles() {
    return List.copyOf(profiles.values());
  }

  /**
   * The profile with a name.
   *
   * @param name the profile name ({@code edit NAME})
   * @return the profile
   * @throws NoSuchElementException naming the missing profile and the defined ones
   */
  public VoipProfile profile(String name) {
    VoipProfile p = profiles.get(name);
    if (p == null) {
      throw new NoSuchElementException("no voip profile named '" + name + "'"
          + (profiles.isEmpty() ? ": the configuration defines none; add one under config voip"
              + " profile" : ": defined profiles are " + new ArrayList<>(profiles.keySet())));
    }
    return p;
  }

  /** The profile with a name, if defined. */
  public Optional<VoipProfile> findProfile(String name) {
    return Optional.ofNullable(profiles.get(name));
  }

  /** The certificates, CAs, peers and groups, loaded; the TLS core looks them up here. */
  public CertificateStore certificateStore() {
    return store;
  }

  /** The directory that relative file keys ({@code certificate-file} ...) were resolved against. */
  public Path baseDirectory() {
    return baseDirectory;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FortiConfig)) {
      return false;
    }
    FortiConfig c = (FortiConfig) o;
    return systemSettings.equals(c.systemSettings)
        && localCertificates.equals(c.localCertificates)
        && caCertificates.equals(c.caCertificates)
        && peers.equals(c.peers)
        && peerGroups.equals(c.peerGroups)
        && profiles.equals(c.profiles);
  }

  @Override
  public int hashCode() {
    return Objects.hash(systemSettings, localCertificates, caCertificates, peers, peerGroups,
        profiles);
  }

  @Override
  public String toString() {
    return "FortiConfig {" + systemSettings + ", local certificates "
        + localCertificates.stream().map(LocalCertificateEntry::name).toList() + ", CAs "
        + caCertificates.stream().map(CaCertificateEntry::name).toList() + ", peers "
        + peers.stream().map(Peer::name).toList() + ", peer groups "
        + peerGroups.stream().map(PeerGroup::name).toList() + ", profiles " + profiles.keySet()
        + "}";
  }
}
