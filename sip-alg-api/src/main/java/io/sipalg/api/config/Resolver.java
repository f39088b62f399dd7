package io.sipalg.api.config;

import io.sipalg.api.SslPfs;
import io.sipalg.api.SystemSettings;
import io.sipalg.api.VoipOption;
import io.sipalg.api.VoipProfile;
import io.sipalg.api.cert.CaCertificate;
import io.sipalg.api.cert.CertificateImporter;
import io.sipalg.api.cert.CertificateStore;
import io.sipalg.api.cert.CertificateStoreException;
import io.sipalg.api.cert.LocalCertificate;
import io.sipalg.api.cert.Peer;
import io.sipalg.api.cert.PeerGroup;
import io.sipalg.api.internal.BoundedFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Loads the certificates of a {@link Parser.Draft} and checks every cross-reference. */
final class Resolver {
  private final String file;
  private final Path baseDir;
  private final CertificateImporter importer;
  private final CertificateStore store = new CertificateStore();
  private final Parser.Draft draft;

  private Resolver(String file, Path baseDir, CertificateImporter importer, Parser.Draft draft) {
    this.file = file;
    this.baseDir = baseDir;
    this.importer = importer;
    this.draft = draft;
  }

  static FortiConfig resolve(String file, Path baseDir, CertificateImporter importer,
      Parser.Draft draft) throws FortiConfigException {
    return new Resolver(file, baseDir, importer, draft).run();
  }

  private FortiConfig run() throws FortiConfigException {
    List<CaCertificateEntry> cas = new ArrayList<>();
    for (Parser.Entry e : draft.cas.values()) {
      cas.add(ca(e));
    }
    List<LocalCertificateEntry> locals = new ArrayList<>();
    for (Parser.Entry e : draft.locals.values()) {
      locals.add(local(e));
    }
    List<Peer> peers = new ArrayList<>();
    for (Parser.Entry e : draft.peers.values()) {
      peers.add(peer(e));
    }
    List<PeerGroup> groups = new ArrayList<>();
    for (Parser.Entry e : draft.groups.values()) {
      groups.add(group(e));
    }
    List<VoipProfile> profiles = new ArrayList<>();
    for (Parser.ProfileDraft p : draft.profiles.values()) {
      checkReferences(p);
      profiles.add(p.profile);
    }
    return new FortiConfig(new SystemSettings(draft.sipSslPort), locals, cas, peers, groups,
        profiles, store, baseDir);
  }

  private CaCertificateEntry ca(Parser.Entry e) throws FortiConfigException {
    String name = e.name.text();
    CaCertificateEntry entry = new CaCertificateEntry(name, e.text("ca"), e.text("ca-file"));
    if (entry.ca().isEmpty() == entry.caFile().isEmpty()) {
      throw error(e.first("ca-file").orElse(e.name), "CA certificate '" + name + "' needs"
          + " exactly one of ca (inline PEM) and ca-file");
    }
    try {
      CaCertificate ca = entry.ca().isEmpty()
          ? importer.importCaFile(name, path(entry.caFile(), e.first("ca-file").get()))
          : importer.importCa(name, entry.ca());
      store.putCa(ca);
    } catch (CertificateStoreException ex) {
      throw error(e.first("ca-file").or(() -> e.first("ca")).orElse(e.name), ex.getMessage(), ex);
    }
    return entry;
  }

  private LocalCertificateEntry local(Parser.Entry e) throws FortiConfigException {
    String name = e.name.text();
    LocalCertificateEntry entry = new LocalCertificateEntry(name, e.text("comments"),
        e.text("password"), e.text("certificate"), e.text("private-key"),
        e.text("certificate-file"), e.text("private-key-file"), e.text("pkcs12-file"));
    boolean pkcs12 = !entry.pkcs12File().isEmpty();
    if (pkcs12 && !(entry.certificate() + entry.certificateFile() + entry.privateKey()
        + entry.privateKeyFile()).isEmpty()) {
      throw error(e.first("pkcs12-file").get(), "local certificate '" + name + "': set either"
          + " pkcs12-file or certificate/private-key (or their -file keys), not both");
    }
    if (!entry.certificate().isEmpty() && !entry.certificateFile().isEmpty()) {
      throw error(e.first("certificate-file").get(), "local certificate '" + name + "': set"
          + " either certificate (inline PEM) or certificate-file, not both");
    }
    if (!entry.privateKey().isEmpty() && !entry.privateKeyFile().isEmpty()) {
      throw error(e.first("private-key-file").get(), "local certificate '" + name + "': set"
          + " either private-key (inline PEM) or private-key-file, not both");
    }
    if (!pkcs12 && entry.certificate().isEmpty() && entry.certificateFile().isEmpty()) {
      throw error(e.name, "local certificate '" + name + "' has no certificate: set certificate"
          + " and private-key (or certificate-file and private-key-file, or pkcs12-file)");
    }
    char[] password = entry.password().isEmpty() ? null : entry.password().toCharArray();
    Token at = e.first("pkcs12-file").or(() -> e.first("private-key-file"))
        .or(() -> e.first("private-key")).orElse(e.name);
    try {
      LocalCertificate cert;
      if (pkcs12) {
        cert = importer.importPkcs12File(name, path(entry.pkcs12File(), e.first("pkcs12-file").get()),
            password, entry.comments());
      } else {
        String certPem = entry.certificate();
        if (certPem.isEmpty()) {
          at = e.first("certificate-file").get();
          certPem = read(name, entry.certificateFile(), at);
        }
        String keyPem = entry.privateKey();
        if (!entry.privateKeyFile().isEmpty()) {
          at = e.first("private-key-file").get();
          keyPem = read(name, entry.privateKeyFile(), at);
        }
        at = e.first("private-key").or(() -> e.first("private-key-file")).orElse(e.name);
        cert = importer.importPem(name, certPem, keyPem.isEmpty() ? null : keyPem, password,
            entry.comments());
      }
      store.putLocal(cert);
    } catch (CertificateStoreException ex) {
      String message = ex.getMessage();
      if (entry.passwordIsFortiOsEncrypted() && message.startsWith("wrong password")) {
        at = e.first("password").get();
        message = "the password of local certificate '" + name + "' is FortiOS-encrypted (ENC"
            + " ...), which only the FortiGate that wrote it can decrypt: set the password in"
            + " clear text";
      }
      throw error(at, message, ex);
    }
    return entry;
  }

  /** A file key's path, relative to the config file's directory. */
  private Path path(String relative, Token at) throws FortiConfigException {
    try {
      return baseDir.resolve(relative);
    } catch (java.nio.file.InvalidPathException ex) {
      throw error(at, "'" + relative.replace("\0", "\\0") + "' is not a valid path ("
          + ex.getReason() + "): check the path", ex);
    }
  }

  private String read(String name, String relative, Token at) throws FortiConfigException {
    Path path = path(relative, at);
    try {
      return new String(BoundedFiles.read(path, CertificateImporter.MAX_FILE_BYTES),
          java.nio.charset.StandardCharsets.UTF_8);
    } catch (BoundedFiles.Refused refused) {
      String what = "'" + path + "' for local certificate '" + name + "'";
      throw error(at, switch (refused.problem()) {
        case NOT_A_REGULAR_FILE -> what + " is not a regular file (a directory, device or pipe)"
            + ": check the path";
        case TOO_LARGE -> what + " is larger than 1 MiB: check the path";
        case UNREADABLE -> "cannot read " + what + " (" + refused.getCause().getClass()
            .getSimpleName() + "): check the path (relative paths start at the config file's"
            + " directory)";
      }, refused.getCause());
    }
  }

  private Peer peer(Parser.Entry e) throws FortiConfigException {
    String name = e.name.text();
    if (e.text("ca").isEmpty()) {
      throw error(e.name, "peer '" + name + "' has no ca: set ca to a CA certificate name");
    }
    Peer peer;
    try {
      peer = new Peer(name, e.text("ca"), e.text("subject"), e.text("cn"));
    } catch (IllegalArgumentException ex) {
      throw error(e.first("subject").orElse(e.name), ex.getMessage(), ex);
    }
    if (store.findCa(peer.ca()).isEmpty()) {
      throw error(e.first("ca").get(), "peer '" + name + "': ca '" + peer.ca() + "' is not a CA"
          + " certificate: import it under config vpn certificate ca, or correct the name"
          + Suggest.closest(peer.ca(), draft.cas.keySet()));
    }
    store.putPeer(peer);
    return peer;
  }

  private PeerGroup group(Parser.Entry e) throws FortiConfigException {
    String name = e.name.text();
    List<Token> members = e.values.getOrDefault("member", List.of());
    if (members.isEmpty()) {
      throw error(e.name, "peer group '" + name + "' has no members: set member \"PEER\" ...");
    }
    List<String> names = new ArrayList<>();
    for (Token m : members) {
      if (store.findPeer(m.text()).isEmpty()) {
        throw error(m, "peer group '" + name + "': member '" + m.text() + "' is not a peer: add"
            + " it under config user peer, or correct the name"
            + Suggest.closest(m.text(), draft.peers.keySet()));
      }
      names.add(m.text());
    }
    PeerGroup group = new PeerGroup(name, names);
    store.putPeerGroup(group);
    return group;
  }

  private void checkReferences(Parser.ProfileDraft p) throws FortiConfigException {
    VoipProfile profile = p.profile;
    String where = "voip profile '" + profile.name() + "': ";
    for (VoipOption<String> option :
        List.of(VoipOption.SSL_SERVER_CERTIFICATE, VoipOption.SSL_CLIENT_CERTIFICATE)) {
      String ref = profile.get(option);
      if (!ref.isEmpty() && store.findLocal(ref).isEmpty()) {
        throw error(at(p, option), where + option.name() + " '" + ref + "' is not a local"
            + " certificate: import it under config vpn certificate local, or correct the name"
            + Suggest.closest(ref, draft.locals.keySet()));
      }
    }
    for (VoipOption<String> option :
        List.of(VoipOption.SSL_AUTH_CLIENT, VoipOption.SSL_AUTH_SERVER)) {
      String ref = profile.get(option);
      if (!ref.isEmpty() && store.findPeerGroup(ref).isEmpty() && store.findPeer(ref).isEmpty()) {
        List<String> names = new ArrayList<>(draft.groups.keySet());
        names.addAll(draft.peers.keySet());
        throw error(at(p, option), where + option.name() + " '" + ref + "' is neither a peer"
            + " group nor a peer: add it under config user peergrp or config user peer, or"
            + " correct the name" + Suggest.closest(ref, names));
      }
    }
    String server = profile.sslServerCertificate();
    if (profile.sslPfs() == SslPfs.DENY && !server.isEmpty()) {
      String algorithm = store.local(server).privateKey().getAlgorithm();
      if (!algorithm.equals("RSA")) {
        throw error(at(p, VoipOption.SSL_PFS), where + "ssl-pfs deny allows only RSA key"
            + " exchange, which needs an RSA ssl-server-certificate, but '" + server + "' has an "
            + algorithm + " key: use an RSA certificate or set ssl-pfs allow");
      }
    }
  }

  private static Token at(Parser.ProfileDraft p, VoipOption<?> option) {
    return Optional.ofNullable(p.positions.get(option.name())).orElse(p.name);
  }

  private FortiConfigException error(Token at, String message) {
    return error(at, message, null);
  }

  private FortiConfigException error(Token at, String message, Throwable cause) {
    return new FortiConfigException(file, at.line(), at.column(), message, cause);
  }
}
