package io.sipalg.api.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CertificateStoreTest {
  static final GeneratedCertificate CA1 = TestCerts.ca("CA one");
  static final GeneratedCertificate CA2 = TestCerts.ca("CA two");
  static final GeneratedCertificate A = TestCerts.leaf(CA1, "CN=phone-a,O=Example");
  static final GeneratedCertificate B = TestCerts.leaf(CA1, "CN=phone-b,O=Example");
  static final GeneratedCertificate C = TestCerts.leaf(CA2, "CN=phone-c,O=Other");

  static LocalCertificate local(String name, GeneratedCertificate i) {
    return LocalCertificate.of(name, new java.security.cert.X509Certificate[] {i.certificate()},
        i.privateKey(), "");
  }

  @Test
  void lookupsAndMissingNames() {
    CertificateStore store = new CertificateStore();
    store.putLocal(local("Server_cert", A));
    assertThat(store.local("Server_cert").certificate()).isEqualTo(A.certificate());
    assertThat(store.findLocal("nope")).isEmpty();
    assertThatThrownBy(() -> store.local("Client_cert"))
        .isInstanceOfSatisfying(CertificateStoreException.class,
            e -> assertThat(e.entryName()).isEqualTo("Client_cert"))
        .hasMessage("no local certificate named 'Client_cert': import it under config vpn"
            + " certificate local, or correct the name");
    assertThatThrownBy(() -> store.ca("CA9"))
        .hasMessage("no CA certificate named 'CA9': import it under config vpn certificate ca, or"
            + " correct the name");
    assertThatThrownBy(() -> store.trust("g9"))
        .hasMessage("no peer or peer group named 'g9': add it under config user peergrp or config"
            + " user peer, or correct the name");
  }

  @Test
  void replacingAnEntryKeepsOldLookupsAndBumpsTheVersion() {
    CertificateStore store = new CertificateStore();
    List<Long> seen = new ArrayList<>();
    store.addListener(seen::add);
    store.putLocal(local("Server_cert", A));
    LocalCertificate held = store.local("Server_cert");
    long v = store.version();
    store.putLocal(local("Server_cert", B));
    assertThat(held.certificate()).isEqualTo(A.certificate());
    assertThat(store.local("Server_cert").certificate()).isEqualTo(B.certificate());
    assertThat(store.version()).isEqualTo(v + 1);
    assertThat(seen).containsExactly(1L, 2L);
    assertThat(store.removeLocal("Server_cert")).isTrue();
    assertThat(store.removeLocal("Server_cert")).isFalse();
    assertThat(seen).containsExactly(1L, 2L, 3L);
  }

  @Test
  void replaceAllSwapsEverythingAtOnce() {
    CertificateStore live = new CertificateStore();
    live.putLocal(local("old", A));
    CertificateStore fresh = new CertificateStore();
    fresh.putLocal(local("new", B));
    fresh.putCa(new CaCertificate("CA1", CA1.certificate()));
    live.replaceAll(fresh);
    assertThat(live.findLocal("old")).isEmpty();
    assertThat(live.local("new").certificate()).isEqualTo(B.certificate());
    assertThat(live.cas()).hasSize(1);
  }

  @Test
  void concurrentReadersAlwaysSeeACompleteEntry() throws Exception {
    CertificateStore store = new CertificateStore();
    LocalCertificate a = local("S", A);
    LocalCertificate b = local("S", B);
    store.putLocal(a);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch start = new CountDownLatch(1);
    Thread reader = new Thread(() -> {
      try {
        start.await();
        for (int i = 0; i < 20_000; i++) {
          LocalCertificate c = store.local("S");
          if (c != a && c != b) {
            throw new AssertionError("torn read");
          }
        }
      } catch (Throwable t) {
        failure.set(t);
      }
    });
    reader.start();
    start.countDown();
    for (int i = 0; i < 2_000; i++) {
      store.putLocal(i % 2 == 0 ? b : a);
    }
    reader.join();
    assertThat(failure.get()).isNull();
    assertThat(store.version()).isEqualTo(2_001);
  }

  @Test
  void trustResolvesGroupsAndSinglePeers() {
    CertificateStore store = new CertificateStore();
    store.putCa(new CaCertificate("CA1", CA1.certificate()));
    store.putCa(new CaCertificate("CA2", CA2.certificate()));
    store.putPeer(new Peer("pa", "CA1", "CN=phone-a,O=Example", ""));
    store.putPeer(new Peer("pc", "CA2", "", "phone-c"));
    store.putPeerGroup(PeerGroup.of("g", "pa", "pc"));
    PeerTrust group = store.trust("g");
    assertThat(group.trustAnchors()).containsExactlyInAnyOrder(CA1.certificate(), CA2.certificate());
    assertThat(group.hasNameConstraints()).isTrue();
    assertThat(group.matches(chain(A, CA1))).isTrue();
    assertThat(group.matches(new java.security.cert.X509Certificate[] {A.certificate()})).isTrue();
    assertThat(group.matches(chain(C, CA2))).isTrue();
    assertThat(group.matches(chain(B, CA1))).isFalse();
    assertThat(group.mismatch(chain(B, CA1))).get().asString()
        .startsWith("certificate CN=phone-b,O=Example is not accepted by 'g': subject"
            + " CN=phone-b,O=Example is not the subject \"CN=phone-a,O=Example\" required by peer"
            + " 'pa'; not issued by CA 'CA2' of peer 'pc'");
    PeerTrust single = store.trust("pc");
    assertThat(single.peers()).extracting(Peer::name).containsExactly("pc");
    assertThat(single.matches(chain(A, CA1))).isFalse();
    assertThat(single.mismatch(new java.security.cert.X509Certificate[0])).isPresent();
  }

  @Test
  void subjectComparisonIgnoresCaseAndSpacing() {
    Peer p = new Peer("p", "CA1", "cn=Phone-A, o=example", "");
    assertThat(p.acceptsName(A.certificate())).isTrue();
    assertThat(new Peer("p", "CA1", "", "PHONE-A").acceptsName(A.certificate())).isTrue();
    assertThat(new Peer("p", "CA1", "", "phone").acceptsName(A.certificate())).isFalse();
    // only A-Z fold: U+0131 (dotless i) upper-cases to 'I', so equalsIgnoreCase took it for 'i'
    GeneratedCertificate dotless = TestCerts.leaf(TestCerts.ca("CA9"), "CN=\u0131p-phone,O=Example");
    assertThat(new Peer("p", "CA9", "", "ip-phone").acceptsName(dotless.certificate())).isFalse();
    assertThat(new Peer("p", "CA9", "", "IP-PHONE").acceptsName(
        TestCerts.leaf(TestCerts.ca("CA9"), "CN=ip-Phone,O=Example").certificate())).isTrue();
    assertThatThrownBy(() -> new Peer("p", "CA1", "not a dn", ""))
        .hasMessageStartingWith("peer 'p': subject \"not a dn\" is not a distinguished name");
  }

  @Test
  void brokenReferencesNameBothEnds() {
    CertificateStore store = new CertificateStore();
    store.putPeer(Peer.of("p1", "CA9"));
    store.putPeerGroup(PeerGroup.of("g1", "p1", "p2"));
    assertThat(store.brokenReferences()).containsExactly(
        "peer 'p1' names CA 'CA9', which does not exist: import it under config vpn certificate ca",
        "peer group 'g1' lists peer 'p2', which does not exist: add it under config user peer or"
            + " remove it from the group");
    assertThatThrownBy(() -> store.trust("g1"))
        .isInstanceOfSatisfying(CertificateStoreException.class,
            e -> assertThat(e.entryName()).isEqualTo("g1"))
        .hasMessageContaining("lists peer 'p2', which does not exist");
    store.putPeerGroup(PeerGroup.of("g1", "p1"));
    assertThatThrownBy(() -> store.trust("g1"))
        .isInstanceOfSatisfying(CertificateStoreException.class,
            e -> assertThat(e.entryName()).isEqualTo("p1"))
        .hasMessage("peer 'p1' names CA 'CA9', which does not exist: import it under config vpn"
            + " certificate ca");
  }

  private static java.security.cert.X509Certificate[] chain(GeneratedCertificate... certs) {
    java.security.cert.X509Certificate[] out = new java.security.cert.X509Certificate[certs.length];
    for (int i = 0; i < certs.length; i++) {
      out[i] = certs[i].certificate();
    }
    return out;
  }
}
