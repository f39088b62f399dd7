package io.sipalg.examples.demo;

import io.sipalg.api.SslMode;
import io.sipalg.api.VoipProfile;
import io.sipalg.api.cert.CaCertificate;
import io.sipalg.api.cert.CertificateStore;
import io.sipalg.api.cert.LocalCertificate;
import io.sipalg.api.cert.Peer;
import io.sipalg.api.cert.PeerGroup;

/**
 * sip-alg's configuration for the demo, as a FortiGate administrator would write it:
 *
 * <pre>
 * config vpn certificate local   "demo-alg-server" (presented to phones), "demo-alg-client" (to the server)
 * config vpn certificate ca      "demo-ca"
 * config user peer               "demo-registrar" (ca demo-ca, cn sip.example.test), "demo-phone" (ca demo-ca)
 * config user peergrp            "demo-phones" (member demo-phone)
 * config voip profile            edit "demo" / config sip
 *     set ssl-mode full
 *     set ssl-server-certificate "demo-alg-server"
 *     set ssl-client-certificate "demo-alg-client"
 *     set ssl-auth-client "demo-phones"
 *     set ssl-auth-server "demo-registrar"
 *     set hosted-nat-traversal enable      (the phone sits behind a NAT of its own)
 * </pre>
 *
 * Everything else keeps its FortiOS default (contact-fixup, nat-trace, rtp, open-register-pinhole,
 * strict-register, ...).
 */
final class DemoAlgConfig {
  static final String PROFILE = "demo";
  static final String SERVER_CERTIFICATE = "demo-alg-server";
  static final String CLIENT_CERTIFICATE = "demo-alg-client";
  static final String CA = "demo-ca";
  static final String REGISTRAR_PEER = "demo-registrar";
  static final String PHONE_PEER = "demo-phone";
  static final String PHONE_GROUP = "demo-phones";

  private DemoAlgConfig() {}

  static VoipProfile profile() {
    return VoipProfile.builder()
        .name(PROFILE)
        .comment("sip-alg demo")
        .sslMode(SslMode.FULL)
        .sslServerCertificate(SERVER_CERTIFICATE)
        .sslClientCertificate(CLIENT_CERTIFICATE)
        .sslAuthClient(PHONE_GROUP)
        .sslAuthServer(REGISTRAR_PEER)
        .hostedNatTraversal(true)
        .build();
  }

  static CertificateStore certificates(DemoPki pki) {
    CertificateStore store = new CertificateStore();
    store.putLocal(LocalCertificate.of(SERVER_CERTIFICATE, pki.algServer.chain(), pki.algServer.key(),
        "shown to phones in the registrar's place"));
    store.putLocal(LocalCertificate.of(CLIENT_CERTIFICATE, pki.algClient.chain(), pki.algClient.key(),
        "shown to the registrar"));
    store.putCa(new CaCertificate(CA, pki.ca));
    store.putPeer(new Peer(REGISTRAR_PEER, CA, "", DemoPki.SERVER_NAME));
    store.putPeer(Peer.of(PHONE_PEER, CA));
    store.putPeerGroup(PeerGroup.of(PHONE_GROUP, PHONE_PEER));
    return store;
  }
}
