package io.sipalg.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipalg.api.VoipProfile;
import io.sipalg.api.inspect.SipInspector;
import io.sipalg.api.session.Pinhole;
import io.sipalg.api.session.Pinhole.Change;
import io.sipalg.api.session.SessionAddresses;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class PinholeTest {
  private static final String DIALOG = "ph@10.0.0.5;from-tag=1928301774";
  /** The phone's media, reached through the first outside pair of nat-port-range 5117-65533. */
  private static final Pinhole PHONE_RTP =
      Pinhole.media(DIALOG, "udp", "10.0.0.5", 49170).translatedTo("192.0.2.1", 5118);
  private static final Pinhole SERVER_RTP = Pinhole.media(DIALOG, "udp", "198.51.100.20", 3456);

  private final Harness harness = new Harness();

  /** Media pinholes only, so the event lists stay short. */
  private static VoipProfile.Builder mediaOnly() {
    return Harness.profile().openContactPinhole(false).openRecordRoutePinhole(false);
  }

  private static void offerAnswer(SipInspector chain, FakeContext ctx) {
    ctx.phoneToServer();
    Sip.run(chain, ctx, Sip.invite("ph@10.0.0.5"));
    ctx.serverToPhone();
    Sip.run(chain, ctx, Sip.inviteResponse("ph@192.0.2.1", "200 OK", true));
    ctx.phoneToServer();
  }

  @Test
  void offerAndAnswerOpenPinholesAndByeClosesThem() {
    VoipProfile profile = mediaOnly().build();
    assertThat(profile.rtp()).isTrue();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    offerAnswer(chain, ctx);
    assertThat(ctx.pinholes(Change.OPEN)).containsExactly(PHONE_RTP, SERVER_RTP);

    Sip.run(chain, ctx, Sip.inDialog("BYE", "ph@10.0.0.5", 314160));
    assertThat(ctx.pinholes(Change.CLOSE)).containsExactlyInAnyOrder(PHONE_RTP, SERVER_RTP);
  }

  @Test
  void byeFromTheServerClosesToo() {
    VoipProfile profile = mediaOnly().build();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    offerAnswer(chain, ctx);
    ctx.serverToPhone();
    Sip.run(chain, ctx, Sip.inDialog("BYE", "ph@192.0.2.1", 1)
        .replace("Via: SIP/2.0/TLS 10.0.0.5:5061", "Via: SIP/2.0/TLS 198.51.100.20:5061"));
    assertThat(ctx.pinholes(Change.CLOSE)).hasSize(2);
  }

  @Test
  void aLaterSdpMovesThePinholeAndPortZeroClosesIt() {
    VoipProfile profile = mediaOnly().build();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    offerAnswer(chain, ctx);
    String reInvite = Sip.invite("ph@10.0.0.5")
        .replace("To: Bob <sip:bob@example.com>", "To: Bob <sip:bob@example.com>;tag=a6c85cf")
        .replace("314159 INVITE", "314160 INVITE").replace("m=audio 49170", "m=audio 50000");
    Sip.run(chain, ctx, reInvite);
    assertThat(ctx.pinholes(Change.UPDATE)).containsExactly(
        Pinhole.media(DIALOG, "udp", "10.0.0.5", 50000).translatedTo("192.0.2.1", 5118));

    String hold = reInvite.replace("314160 INVITE", "314161 INVITE").replace("m=audio 50000", "m=audio 0");
    Sip.run(chain, ctx, hold);
    assertThat(ctx.pinholes(Change.CLOSE)).containsExactly(
        Pinhole.media(DIALOG, "udp", "10.0.0.5", 50000).translatedTo("192.0.2.1", 5118));
  }

  @Test
  void everyMediaStreamHasItsOwnPinholeAndStreamsDroppedByAReOfferClose() {
    VoipProfile profile = mediaOnly().build(); // nat-port-range 5117-65533 by default
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    StringBuilder streams = new StringBuilder();
    for (int i = 0; i < 10; i++) { // more streams than the slot names made in advance
      streams.append("m=audio ").append(40000 + 2 * i).append(" RTP/AVP 0\n");
    }
    String offer = Sip.invite("ph@10.0.0.5")
        .replace("m=audio 49170 RTP/AVP 0\na=rtpmap:0 PCMU/8000\n", streams.toString());
    Sip.run(chain, ctx, offer);
    assertThat(ctx.pinholes(Change.OPEN)).hasSize(10);
    for (int i = 0; i < 10; i++) {
      assertThat(ctx.pinholes(Change.OPEN).get(i)).isEqualTo(Pinhole.media(DIALOG, "udp",
          "10.0.0.5", 40000 + 2 * i).translatedTo("192.0.2.1", 5118 + 2 * i));
    }

    String reOffer = offer.replace("314159 INVITE", "314160 INVITE")
        .replace("To: Bob <sip:bob@example.com>", "To: Bob <sip:bob@example.com>;tag=a6c85cf")
        .replace(streams.toString(), streams.substring(0, streams.indexOf("m=audio 40006")));
    Sip.run(chain, ctx, reOffer);
    assertThat(ctx.pinholes(Change.CLOSE)).extracting(Pinhole::rtpPort)
        .containsExactlyInAnyOrder(40006, 40008, 40010, 40012, 40014, 40016, 40018);
    assertThat(ctx.pinholes(Change.UPDATE)).isEmpty(); // the three kept streams did not move
  }

  @Test
  void sdpInAnAckRebuildsThePinhole() {
    VoipProfile profile = mediaOnly().build();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    offerAnswer(chain, ctx);
    String ack = Sip.inDialog("ACK", "ph@10.0.0.5", 314159)
        .replace("Content-Length: 0\n\n", "Content-Type: application/sdp\nContent-Length: #\n\n"
            + Sip.SDP_PHONE.replace("c=IN IP4 10.0.0.5", "c=IN IP4 10.0.0.6"));
    Sip.run(chain, ctx, ack);
    assertThat(ctx.pinholes(Change.UPDATE)).containsExactly(
        Pinhole.media(DIALOG, "udp", "10.0.0.6", 49170)); // not the phone's address: not NATed
  }

  @Test
  void mediaLevelConnectionWinsOverSessionLevel() {
    VoipProfile profile = mediaOnly().build();
    FakeContext ctx = new FakeContext(profile);
    String invite = Sip.invite("ph@10.0.0.5").replace("a=rtpmap:0 PCMU/8000\n",
        "a=rtpmap:0 PCMU/8000\nm=video 51372 RTP/AVP 31\nc=IN IP4 10.0.0.7\n");
    Sip.run(harness.chain(profile), ctx, invite);
    assertThat(ctx.pinholes(Change.OPEN)).containsExactly(PHONE_RTP,
        Pinhole.media(DIALOG, "udp", "10.0.0.7", 51372));
  }

  @Test
  void rtpDisabledOpensNoMediaPinholes() {
    VoipProfile profile = mediaOnly().rtp(false).build();
    FakeContext ctx = new FakeContext(profile);
    offerAnswer(harness.chain(profile), ctx);
    assertThat(ctx.pinholes).isEmpty();
  }

  @Test
  void openContactPinholeOpensToTheContactsOfTheDialog() {
    VoipProfile profile = Harness.profile().rtp(false).openRecordRoutePinhole(false).build();
    assertThat(profile.openContactPinhole()).isTrue();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    offerAnswer(chain, ctx);
    assertThat(ctx.pinholes(Change.OPEN)).containsExactly(
        Pinhole.signalling(DIALOG, "contact", "tcp", "10.0.0.5", 5061),
        Pinhole.signalling(DIALOG, "contact", "tcp", "198.51.100.20", 5061));
    Sip.run(chain, ctx, Sip.inDialog("BYE", "ph@10.0.0.5", 314160));
    assertThat(ctx.pinholes(Change.CLOSE)).hasSize(2);
  }

  @Test
  void openViaPinholeOpensToTheTopVia() {
    VoipProfile profile = mediaOnly().rtp(false).openViaPinhole(true).build();
    assertThat(VoipProfile.defaults().openViaPinhole()).isFalse();
    FakeContext ctx = new FakeContext(profile);
    offerAnswer(harness.chain(profile), ctx);
    assertThat(ctx.pinholes(Change.OPEN)).containsExactly(
        Pinhole.signalling(DIALOG, "via", "tcp", "10.0.0.5", 5061));
  }

  @Test
  void openRecordRoutePinholeOpensToRecordRouteEntries() {
    VoipProfile profile = Harness.profile().rtp(false).openContactPinhole(false).build();
    assertThat(profile.openRecordRoutePinhole()).isTrue();
    FakeContext ctx = new FakeContext(profile);
    ctx.direction = io.sipalg.api.session.Direction.PHONE_TO_SERVER;
    SipInspector chain = harness.chain(profile);
    Sip.run(chain, ctx, Sip.invite("ph@10.0.0.5"));
    ctx.serverToPhone();
    Sip.run(chain, ctx, Sip.inviteResponse("ph@192.0.2.1", "200 OK", false).replace("Contact:",
        "Record-Route: <sip:proxy.example.com:5061;transport=tls;lr>\nContact:"));
    assertThat(ctx.pinholes(Change.OPEN)).containsExactly(
        Pinhole.signalling(DIALOG, "record-route", "tcp", "proxy.example.com", 5061));

    VoipProfile off = profile.toBuilder().openRecordRoutePinhole(false).build();
    FakeContext ctx2 = new FakeContext("s2", off);
    SipInspector chain2 = harness.chain(off);
    Sip.run(chain2, ctx2, Sip.invite("ph@10.0.0.5"));
    ctx2.serverToPhone();
    Sip.run(chain2, ctx2, Sip.inviteResponse("ph@192.0.2.1", "200 OK", false).replace("Contact:",
        "Record-Route: <sip:proxy.example.com:5061;transport=tls;lr>\nContact:"));
    assertThat(ctx2.pinholes).isEmpty();
  }

  private static final String REGISTER = """
      REGISTER sip:example.com SIP/2.0
      Via: SIP/2.0/TLS 10.0.0.5:5061;branch=z9hG4bKreg1
      Max-Forwards: 70
      To: Alice <sip:alice@example.com>
      From: Alice <sip:alice@example.com>;tag=456248
      Call-ID: reg@10.0.0.5
      CSeq: CSEQ REGISTER
      Contact: <sip:alice@10.0.0.5:5061;transport=tls>
      Expires: EXPIRES
      Content-Length: 0

      """;

  private static final String REGISTER_OK = """
      SIP/2.0 200 OK
      Via: SIP/2.0/TLS 192.0.2.1:40000;branch=z9hG4bKreg1
      To: Alice <sip:alice@example.com>;tag=srv
      From: Alice <sip:alice@example.com>;tag=456248
      Call-ID: reg@192.0.2.1
      CSeq: CSEQ REGISTER
      Expires: EXPIRES
      Content-Length: 0

      """;

  private static void register(SipInspector chain, FakeContext ctx, int cseq, int expires) {
    ctx.phoneToServer();
    Sip.run(chain, ctx, REGISTER.replace("CSEQ", "" + cseq).replace("EXPIRES", "" + expires));
    ctx.serverToPhone();
    Sip.run(chain, ctx, REGISTER_OK.replace("CSEQ", "" + cseq).replace("EXPIRES", "" + expires));
  }

  @Test
  void registerPinholeIsStrictToTheRegistrarByDefault() {
    VoipProfile profile = VoipProfile.defaults();
    assertThat(profile.openRegisterPinhole()).isTrue();
    assertThat(profile.strictRegister()).isTrue();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    register(chain, ctx, 1, 3600);
    Pinhole expected = Pinhole.signalling("register:reg@10.0.0.5", "register-contact", "tcp",
        "10.0.0.5", 5061).withSource("198.51.100.10");
    assertThat(ctx.pinholes(Change.OPEN)).containsExactly(expected);

    register(chain, ctx, 2, 3600); // a refresh keeps it
    assertThat(ctx.pinholes).hasSize(1);
    register(chain, ctx, 3, 0); // unregister closes it
    assertThat(ctx.pinholes(Change.CLOSE)).containsExactly(expected);
  }

  @Test
  void registerPinholeWithoutStrictRegisterAndItsExpiry() {
    VoipProfile profile = Harness.profile().strictRegister(false).build();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    register(chain, ctx, 1, 60);
    Pinhole expected = Pinhole.signalling("register:reg@10.0.0.5", "register-contact", "tcp",
        "10.0.0.5", 5061);
    assertThat(expected.source()).isEmpty();
    assertThat(ctx.pinholes(Change.OPEN)).containsExactly(expected);
    ctx.advanceSeconds(60);
    Sip.run(chain, ctx, Sip.request("OPTIONS"));
    assertThat(ctx.pinholes(Change.CLOSE)).containsExactly(expected);
  }

  @Test
  void expiryIsCheckedAtMostOnceASecondOnTheMessagePath() {
    VoipProfile profile = Harness.profile().strictRegister(false).build();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    register(chain, ctx, 1, 60);
    ctx.advanceNanos(59_500_000_000L);
    Sip.run(chain, ctx, Sip.request("OPTIONS")); // walks: nothing expired yet
    ctx.advanceNanos(600_000_000L);              // the binding is now 60.1 s old
    Sip.run(chain, ctx, Sip.request("OPTIONS"));
    assertThat(ctx.pinholes(Change.CLOSE)).as("within a second of the last walk").isEmpty();
    ctx.advanceNanos(400_000_000L);
    Sip.run(chain, ctx, Sip.request("OPTIONS"));
    assertThat(ctx.pinholes(Change.CLOSE)).hasSize(1);
  }

  @Test
  void openRegisterPinholeDisabledOpensNone() {
    VoipProfile profile = Harness.profile().openRegisterPinhole(false).build();
    FakeContext ctx = new FakeContext(profile);
    register(harness.chain(profile), ctx, 1, 3600);
    assertThat(ctx.pinholes).isEmpty();
  }

  @Test
  void hostedNatTraversalPinholesGoToThePhonesNatAndCanBeSourceRestricted() {
    VoipProfile profile = mediaOnly().hostedNatTraversal(true).hntRestrictSourceIp(true).build();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    ctx.addresses = SessionAddresses.accepted(new InetSocketAddress("203.0.113.7", 31000),
        FakeContext.ALG_INSIDE).withServerSide(FakeContext.ALG_OUTSIDE, FakeContext.SERVER);
    Sip.run(chain, ctx, Sip.invite("ph@192.168.1.10").replace("10.0.0.5", "192.168.1.10"));
    ctx.serverToPhone();
    Sip.run(chain, ctx, Sip.inviteResponse("ph@192.0.2.1", "200 OK", true));
    String dialog = "ph@192.168.1.10;from-tag=1928301774";
    assertThat(ctx.pinholes(Change.OPEN)).containsExactly(
        Pinhole.media(dialog, "udp", "203.0.113.7", 49170).translatedTo("192.0.2.1", 5118),
        Pinhole.media(dialog, "udp", "198.51.100.20", 3456).withSource("203.0.113.7"));

    VoipProfile unrestricted = profile.toBuilder().hntRestrictSourceIp(false).build();
    FakeContext ctx2 = new FakeContext("s2", unrestricted);
    ctx2.addresses = ctx.addresses;
    SipInspector chain2 = harness.chain(unrestricted);
    Sip.run(chain2, ctx2, Sip.invite("ph@192.168.1.10").replace("10.0.0.5", "192.168.1.10"));
    ctx2.serverToPhone();
    Sip.run(chain2, ctx2, Sip.inviteResponse("ph@192.0.2.1", "200 OK", true));
    assertThat(ctx2.pinholes(Change.OPEN)).extracting(Pinhole::origin).containsOnly("sdp");
    assertThat(ctx2.pinholes(Change.OPEN)).extracting(Pinhole::source).containsOnly(java.util.Optional.empty());
  }
  @Test
  void incomingCallOfferFromTheServerAndAnswerFromThePhone() {
    VoipProfile profile = mediaOnly().build();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile).serverToPhone();
    Sip.run(chain, ctx, """
        INVITE sip:alice@10.0.0.5:5061;transport=tls SIP/2.0
        Via: SIP/2.0/TLS 198.51.100.10:5061;branch=z9hG4bKin7
        Max-Forwards: 69
        To: <sip:alice@example.com>
        From: <sip:carol@example.org>;tag=srv9
        Call-ID: in@198.51.100.10
        CSeq: 1 INVITE
        Contact: <sip:carol@198.51.100.20:5061;transport=tls>
        Content-Type: application/sdp
        Content-Length: #

        """ + Sip.SDP_SERVER);
    ctx.phoneToServer();
    Sip.Run answer = Sip.run(chain, ctx, """
        SIP/2.0 200 OK
        Via: SIP/2.0/TLS 198.51.100.10:5061;branch=z9hG4bKin7
        To: <sip:alice@example.com>;tag=ph1
        From: <sip:carol@example.org>;tag=srv9
        Call-ID: in@198.51.100.10
        CSeq: 1 INVITE
        Contact: <sip:alice@10.0.0.5:5061;transport=tls>
        Content-Type: application/sdp
        Content-Length: #

        """ + Sip.SDP_PHONE);
    String dialog = "in@198.51.100.10;from-tag=srv9";
    assertThat(ctx.pinholes(Change.OPEN)).containsExactly(
        Pinhole.media(dialog, "udp", "198.51.100.20", 3456),
        Pinhole.media(dialog, "udp", "10.0.0.5", 49170).translatedTo("192.0.2.1", 5118));
    // the phone's answer leaves NATed; the server's Via in it is left as the server wrote it
    assertThat(answer.wire()).contains("c=IN IP4 192.0.2.1\r\n")
        .contains("Contact: <sip:alice@192.0.2.1:40000;transport=tls>\r\n")
        .contains("Via: SIP/2.0/TLS 198.51.100.10:5061;branch=z9hG4bKin7\r\n");
    assertThat(harness.services.activeDialogs("default")).isEqualTo(1);
  }
}
