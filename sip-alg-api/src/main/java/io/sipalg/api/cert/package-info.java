/**
 * Named local certificates, CA certificates, peers and peer groups, as FortiOS keeps them ({@code
 * config vpn certificate local}, {@code config vpn certificate ca}, {@code config user peer}, {@code
 * config user peergrp}).
 *
 * <p>{@link io.sipalg.api.cert.CertificateImporter} loads keys and certificates (PEM in all common
 * encodings, encrypted or not, and PKCS#12) and checks passwords, key/certificate pairs and validity
 * dates; {@link io.sipalg.api.cert.CertificateStore} holds them by name, is thread-safe and can be
 * changed while sessions run. {@link io.sipalg.api.cert.GeneratedCertificate} makes throwaway CAs
 * and certificates in memory for tests, demos and lab set-ups.
 *
 * <pre>{@code
 * CertificateImporter importer = new CertificateImporter(Clock.systemUTC());
 * CertificateStore store = new CertificateStore();
 * store.putLocal(importer.importPemFiles("Server_cert", Path.of("server.pem"),
 *     Path.of("server.key"), "secret".toCharArray(), "presented to phones"));
 * store.putCa(importer.importCaFile("CA1", Path.of("ca.pem")));
 * store.putPeer(new Peer("check-server", "CA1", "", "sip.example.com"));
 * store.putPeerGroup(PeerGroup.of("check-server-group", "check-server"));
 *
 * // the TLS core:
 * LocalCertificate server = store.local("Server_cert");   // chain() + privateKey()
 * PeerTrust serverTrust = store.trust("check-server-group"); // trustAnchors() + matches(chain)
 * store.addListener(version -> contexts.invalidate());
 * }</pre>
 */
package io.sipalg.api.cert;
