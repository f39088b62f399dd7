package io.sipalg.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipalg.api.PortRange;
import io.sipalg.api.VoipProfile;
import io.sipalg.api.inspect.SipInspector;
import io.sipalg.api.session.Pinhole;
import io.sipalg.api.session.Pinhole.Change;
import io.sipalg.api.session.SessionAddresses;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code nat-port-range} (media port translation) and {@code ips-rtp} (the pinholes' IPS flag). */
class NatPortRangeTest {
  private final Harness harness = new Harness();

  private static VoipProfile.Builder mediaOnly() {
    return Harness.profile().openContactPinhole(false).openRecordRoutePinhole(false);
  }

  private static String dialog(String callId) {
    return callId + "@10.0.0.5;from-tag=1928301774";
  }

  private static String mLine(Sip.Run run) {
    String wire = run.wire();
    int m = wire.indexOf("m=audio ");
    return wire.substring(m, wire.indexOf("\r\n", m));
  }

  @Test
  void theOffersMediaPortIsTranslatedAndTheByeGivesItBack() {
    VoipProfile profile = mediaOnly().build();
    assertThat(profile.natPortRange()).isEqualTo(new PortRange(5117, 65533));
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);

    Sip.Run invite = Sip.run(chain, ctx, Sip.invite("n1@10.0.0.5"));

    assertThat(mLine(invite)).isEqualTo("m=audio 5118 RTP/AVP 0"); // the first even port of the range
    assertThat(invite.wire()).contains("c=IN IP4 192.0.2.1\r\n");
    assertThat(ctx.notes).contains("nat: SDP m=audio port 49170 -> 5118 (rtcp 5119)");
    assertThat(ctx.pinholes(Change.OPEN)).containsExactly(
        Pinhole.media(dialog("n1"), "udp", "10.0.0.5", 49170).translatedTo("192.0.2.1", 5118));
    Pinhole opened = ctx.pinholes(Change.OPEN).get(0);
    assertThat(opened.translatedRtcpPort()).isEqualTo(5119);
    assertThat(opened.rtcpPort()).isEqualTo(49171);
    assertThat(harness.services.mediaPortPairsInUse()).isEqualTo(1);

    ctx.serverToPhone();
    Sip.Run ok = Sip.run(chain, ctx, Sip.inviteResponse("n1@192.0.2.1", "200 OK", true));
    assertThat(mLine(ok)).isEqualTo("m=audio 3456 RTP/AVP 0"); // the far end's media are not NATed
    ctx.phoneToServer();
    Sip.run(chain, ctx, Sip.inDialog("BYE", "n1@10.0.0.5", 314160));
    assertThat(harness.services.mediaPortPairsInUse()).isZero();
    assertThat(ctx.pinholes(Change.CLOSE)).contains(opened);
  }

  @Test
  void anRfc3605RtcpAttributeMovesWithTheTranslatedPort() {
    VoipProfile profile = mediaOnly().build();
    FakeContext ctx = new FakeContext(profile);
    Sip.Run invite = Sip.run(harness.chain(profile), ctx, Sip.invite("r1@10.0.0.5")
        .replace("a=rtpmap:0 PCMU/8000\n", "a=rtpmap:0 PCMU/8000\na=rtcp:53020 IN IP4 10.0.0.5\n"));
    assertThat(invite.wire()).contains("m=audio 5118 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n"
        + "a=rtcp:5119 IN IP4 192.0.2.1\r\n");
    assertThat(ctx.pinholes(Change.OPEN)).containsExactly(Pinhole.media(dialog("r1"), "udp", "10.0.0.5", 49170)
        .withRtcpPort(53020).translatedTo("192.0.2.1", 5118));
    assertThat(ctx.pinholes(Change.OPEN).get(0).translatedRtcpPort()).isEqualTo(5119);

    FakeContext portOnly = new FakeContext("s2", profile);
    Sip.Run plain = Sip.run(harness.chain(profile), portOnly, Sip.invite("r2@10.0.0.5")
        .replace("a=rtpmap:0 PCMU/8000\n", "a=rtcp:49171\n"));
    assertThat(plain.wire()).contains("m=audio 5120 RTP/AVP 0\r\na=rtcp:5121\r\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"+53020", "\u0665\u0663\u0660\u0662\u0660", "5302O", "-1", "65536", "99999999999"})
  void anRtcpPortThatIsNotAnAsciiNumberUpTo65535IsNoRtcpAttribute(String port) {
    VoipProfile profile = mediaOnly().build();
    FakeContext ctx = new FakeContext(profile);
    String line = "a=rtcp:" + port + " IN IP4 10.0.0.5";
    Sip.Run invite = Sip.run(harness.chain(profile), ctx, Sip.invite("r3@10.0.0.5")
        .replace("a=rtpmap:0 PCMU/8000\n", "a=rtpmap:0 PCMU/8000\n" + line + "\n"));
    // the line is left as written and the RTCP port is the RTP port + 1, as without the line
    assertThat(invite.wire()).contains("m=audio 5118 RTP/AVP 0\r\n").contains(line + "\r\n");
    assertThat(ctx.pinholes(Change.OPEN)).singleElement()
        .satisfies(p -> assertThat(p.rtcpPort()).isEqualTo(49171));
  }

  @Test
  void reOffersReuseTheDialogsPortAndPortZeroReleasesIt() {
    VoipProfile profile = mediaOnly().build();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    Sip.run(chain, ctx, Sip.invite("n2@10.0.0.5"));
    ctx.serverToPhone();
    Sip.run(chain, ctx, Sip.inviteResponse("n2@192.0.2.1", "200 OK", true));
    ctx.phoneToServer();
    // another call takes the next pair, so reuse cannot be an accident of allocation order
    FakeContext other = new FakeContext("s2", profile);
    assertThat(mLine(Sip.run(chain, other, Sip.invite("o@10.0.0.5")))).isEqualTo("m=audio 5120 RTP/AVP 0");

    String reInvite = Sip.invite("n2@10.0.0.5")
        .replace("To: Bob <sip:bob@example.com>", "To: Bob <sip:bob@example.com>;tag=a6c85cf")
        .replace("314159 INVITE", "314160 INVITE");
    assertThat(mLine(Sip.run(chain, ctx, reInvite))).isEqualTo("m=audio 5118 RTP/AVP 0");
    assertThat(ctx.pinholes).hasSize(2); // same pinhole: no update

    Sip.Run moved = Sip.run(chain, ctx, reInvite.replace("314160", "314161").replace("m=audio 49170", "m=audio 50000"));
    assertThat(mLine(moved)).isEqualTo("m=audio 5118 RTP/AVP 0");
    assertThat(ctx.pinholes(Change.UPDATE)).containsExactly(
        Pinhole.media(dialog("n2"), "udp", "10.0.0.5", 50000).translatedTo("192.0.2.1", 5118));

    Sip.Run hold = Sip.run(chain, ctx, reInvite.replace("314160", "314162").replace("m=audio 49170", "m=audio 0"));
    assertThat(mLine(hold)).isEqualTo("m=audio 0 RTP/AVP 0");
    assertThat(harness.services.mediaPortPairsInUse()).isEqualTo(1); // only the other call's

    Sip.Run resumed = Sip.run(chain, ctx, reInvite.replace("314160", "314163"));
    assertThat(mLine(resumed)).isEqualTo("m=audio 5122 RTP/AVP 0"); // next-fit: 5118 is reused last
  }

  @Test
  void thePhonesAnswerToAnIncomingCallIsTranslatedWithTheDialogsPort() {
    VoipProfile profile = mediaOnly().build();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile).serverToPhone();
    String offer = """
        INVITE sip:alice@10.0.0.5:5061;transport=tls SIP/2.0
        Via: SIP/2.0/TLS 198.51.100.10:5061;branch=z9hG4bKinCSEQ
        Max-Forwards: 69
        To: <sip:alice@example.com>TOTAG
        From: <sip:carol@example.org>;tag=srv9
        Call-ID: in@198.51.100.10
        CSeq: CSEQ INVITE
        Contact: <sip:carol@198.51.100.20:5061;transport=tls>
        Content-Type: application/sdp
        Content-Length: #

        """ + Sip.SDP_SERVER;
    String answer = """
        SIP/2.0 200 OK
        Via: SIP/2.0/TLS 198.51.100.10:5061;branch=z9hG4bKinCSEQ
        To: <sip:alice@example.com>;tag=ph1
        From: <sip:carol@example.org>;tag=srv9
        Call-ID: in@198.51.100.10
        CSeq: CSEQ INVITE
        Contact: <sip:alice@10.0.0.5:5061;transport=tls>
        Content-Type: application/sdp
        Content-Length: #

        """ + Sip.SDP_PHONE;
    Sip.Run in = Sip.run(chain, ctx, offer.replace("CSEQ", "1").replace("TOTAG", ""));
    assertThat(mLine(in)).isEqualTo("m=audio 3456 RTP/AVP 0");
    ctx.phoneToServer();
    assertThat(mLine(Sip.run(chain, ctx, answer.replace("CSEQ", "1")))).isEqualTo("m=audio 5118 RTP/AVP 0");

    // the server re-offers; the phone's new answer keeps the outside port
    ctx.serverToPhone();
    Sip.run(chain, ctx, offer.replace("CSEQ", "2").replace("TOTAG", ";tag=ph1"));
    ctx.phoneToServer();
    assertThat(mLine(Sip.run(chain, ctx, answer.replace("CSEQ", "2")))).isEqualTo("m=audio 5118 RTP/AVP 0");
    assertThat(harness.services.mediaPortPairsInUse()).isEqualTo(1);
    assertThat(ctx.pinholes(Change.OPEN)).containsExactly(
        Pinhole.media("in@198.51.100.10;from-tag=srv9", "udp", "198.51.100.20", 3456),
        Pinhole.media("in@198.51.100.10;from-tag=srv9", "udp", "10.0.0.5", 49170)
            .translatedTo("192.0.2.1", 5118));
  }

  @Test
  void anExhaustedRangeKeepsThePortAndReportsAPassViolation() {
    VoipProfile profile = mediaOnly().natPortRange(new PortRange(5117, 5121)).build();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    assertThat(mLine(Sip.run(chain, ctx, Sip.invite("x1@10.0.0.5")))).isEqualTo("m=audio 5118 RTP/AVP 0");
    assertThat(mLine(Sip.run(chain, ctx, Sip.invite("x2@10.0.0.5")))).isEqualTo("m=audio 5120 RTP/AVP 0");

    Sip.Run third = Sip.run(chain, ctx, Sip.invite("x3@10.0.0.5"));

    assertThat(mLine(third)).isEqualTo("m=audio 49170 RTP/AVP 0");
    assertThat(third.wire()).contains("c=IN IP4 192.0.2.1\r\n"); // the address is still NATed
    assertThat(ctx.violations).singleElement().satisfies(v -> {
      assertThat(v.option()).isEqualTo("nat-port-range");
      assertThat(v.action()).isEqualTo("pass");
      assertThat(v.detail()).contains("no free RTP/RTCP port pair in nat-port-range 5117-5121",
          "port 49170 kept");
    });
    assertThat(ctx.notes).contains("nat: SDP m=audio port 49170 -> kept: nat-port-range 5117-5121 exhausted");
    assertThat(ctx.pinholes(Change.OPEN)).last().isEqualTo(Pinhole.media(dialog("x3"), "udp", "10.0.0.5", 49170));

    Sip.run(chain, ctx, Sip.inDialog("CANCEL", "x1@10.0.0.5", 314159));
    assertThat(mLine(Sip.run(chain, ctx, Sip.invite("x4@10.0.0.5")))).isEqualTo("m=audio 5118 RTP/AVP 0");
  }

  @Test
  void portsGoBackWhenDialogsExpireThroughHousekeepingAndWhenTheSessionCloses() {
    VoipProfile profile = mediaOnly().build();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    Sip.run(chain, ctx, Sip.invite("e1@10.0.0.5")); // never answered
    FakeContext other = new FakeContext("s2", profile);
    Sip.run(chain, other, Sip.invite("e2@10.0.0.5"));
    assertThat(harness.services.mediaPortPairsInUse()).isEqualTo(2);

    harness.services.housekeeping(ctx.nanoTime() + 210_000_000_000L); // provisional-invite-expiry-time
    assertThat(harness.services.mediaPortPairsInUse()).isZero();

    Sip.run(chain, ctx, Sip.invite("e3@10.0.0.5"));
    assertThat(harness.services.mediaPortPairsInUse()).isEqualTo(1);
    chain.sessionClosed(ctx);
    assertThat(harness.services.mediaPortPairsInUse()).isZero();
  }

  @Test
  void noTranslationWithoutSdpFixupOrUpstreamOrForMediaThatIsNotThePhones() {
    VoipProfile noFixup = mediaOnly().noSdpFixup(true).build();
    FakeContext ctx = new FakeContext(noFixup);
    assertThat(mLine(Sip.run(harness.chain(noFixup), ctx, Sip.invite("f1@10.0.0.5"))))
        .isEqualTo("m=audio 49170 RTP/AVP 0");
    assertThat(ctx.pinholes(Change.OPEN)).containsExactly(
        Pinhole.media(dialog("f1"), "udp", "10.0.0.5", 49170));

    VoipProfile profile = mediaOnly().build();
    FakeContext early = new FakeContext("s2", profile);
    early.addresses = SessionAddresses.accepted(FakeContext.PHONE, FakeContext.ALG_INSIDE);
    assertThat(mLine(Sip.run(harness.chain(profile), early, Sip.invite("f2@10.0.0.5"))))
        .isEqualTo("m=audio 49170 RTP/AVP 0");

    FakeContext relay = new FakeContext("s3", profile);
    Sip.Run relayed = Sip.run(harness.chain(profile), relay, Sip.invite("f3@10.0.0.5")
        .replace("c=IN IP4 10.0.0.5", "c=IN IP4 203.0.113.50")); // a media relay the phone uses
    assertThat(mLine(relayed)).isEqualTo("m=audio 49170 RTP/AVP 0");

    // SDP outside a tracked INVITE dialog has nothing that would release a port
    FakeContext message = new FakeContext("s4", profile);
    Sip.Run options = Sip.run(harness.chain(profile), message, Sip.request("OPTIONS")
        .replace("Content-Length: 0\n\n", "Content-Type: application/sdp\nContent-Length: #\n\n" + Sip.SDP_PHONE));
    assertThat(mLine(options)).isEqualTo("m=audio 49170 RTP/AVP 0");
    assertThat(message.notes).anyMatch(n -> n.startsWith("nat: media ports kept: no INVITE dialog"));
    assertThat(harness.services.mediaPortPairsInUse()).isZero();
  }

  @Test
  void ipsRtpIsCarriedByMediaPinholesOnly() {
    VoipProfile profile = Harness.profile().openRecordRoutePinhole(false).build();
    assertThat(profile.ipsRtp()).isTrue();
    FakeContext ctx = new FakeContext(profile);
    SipInspector chain = harness.chain(profile);
    Sip.run(chain, ctx, Sip.invite("i1@10.0.0.5"));
    ctx.serverToPhone();
    Sip.run(chain, ctx, Sip.inviteResponse("i1@192.0.2.1", "200 OK", true));
    List<Pinhole> opened = ctx.pinholes(Change.OPEN);
    assertThat(opened).filteredOn(p -> p.origin().equals("sdp")).hasSize(2)
        .allMatch(Pinhole::ipsInspect);
    assertThat(opened).filteredOn(p -> p.origin().equals("contact")).hasSize(2)
        .noneMatch(Pinhole::ipsInspect);

    VoipProfile off = profile.toBuilder().ipsRtp(false).build();
    FakeContext ctx2 = new FakeContext("s2", off);
    SipInspector chain2 = harness.chain(off);
    Sip.run(chain2, ctx2, Sip.invite("i2@10.0.0.5"));
    ctx2.serverToPhone();
    Sip.run(chain2, ctx2, Sip.inviteResponse("i2@192.0.2.1", "200 OK", true));
    assertThat(ctx2.pinholes(Change.OPEN)).hasSize(4).noneMatch(Pinhole::ipsInspect);
  }

  @Test
  void theAllocatorHandsOutEvenPairsWithinTheRangeOnceEach() throws Exception {
    MediaPortAllocator ports = new MediaPortAllocator();
    PortRange odd = new PortRange(5117, 5122); // pairs 5118/5119 and 5120/5121; 5122 has no RTCP port
    assertThat(ports.allocate(odd)).isEqualTo(5118);
    assertThat(ports.allocate(odd)).isEqualTo(5120);
    assertThat(ports.allocate(odd)).isZero();
    assertThat(ports.allocate(new PortRange(5119, 5120))).isZero(); // no even port with room for RTCP
    // another range overlapping the first shares its port space
    assertThat(ports.allocate(new PortRange(5118, 5125))).isEqualTo(5122);
    ports.release(5118);
    ports.release(5118); // a second release is ignored
    assertThat(ports.pairsInUse()).isEqualTo(2);
    assertThat(ports.allocate(odd)).isEqualTo(5118);

    MediaPortAllocator shared = new MediaPortAllocator();
    PortRange range = new PortRange(10000, 10999); // 500 pairs
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<Integer>>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(pool.submit(() -> {
          start.await();
          List<Integer> mine = new ArrayList<>();
          for (int i = 0; i < 150; i++) {
            mine.add(shared.allocate(range));
          }
          return mine;
        }));
      }
      start.countDown();
      List<Integer> all = Collections.synchronizedList(new ArrayList<>());
      for (Future<List<Integer>> f : results) {
        all.addAll(f.get(30, TimeUnit.SECONDS));
      }
      Set<Integer> granted = new HashSet<>(all);
      granted.remove(0);
      assertThat(granted).hasSize(500).allMatch(p -> p % 2 == 0 && p >= 10000 && p <= 10998);
      assertThat(all.stream().filter(p -> p == 0).count()).isEqualTo(100);
      assertThat(shared.pairsInUse()).isEqualTo(500);
    } finally {
      pool.shutdownNow();
    }
  }
}
