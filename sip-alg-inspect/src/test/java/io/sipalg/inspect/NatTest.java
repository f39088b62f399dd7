package io.sipalg.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipalg.api.VoipProfile;
import io.sipalg.api.inspect.SipInspector;
import io.sipalg.api.inspect.Verdict;
import io.sipalg.api.session.SessionAddresses;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NatTest {
  private final Harness harness = new Harness();

  private static String wire(String text) {
    return new String(Sip.bytes(text), StandardCharsets.UTF_8);
  }

  @Test
  void inviteAndItsOkWithSdpAreTranslatedAndEverythingElseIsByteIdentical() {
    VoipProfile profile = VoipProfile.defaults();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);

    Sip.Run invite = Sip.run(chain, ctx, Sip.invite("a84b4c76e66710@10.0.0.5"));

    assertThat(invite.verdict()).isEqualTo(Verdict.forward());
    assertThat(invite.wire()).isEqualTo(wire("""
        INVITE sip:bob@example.com SIP/2.0
        Via: SIP/2.0/TLS 192.0.2.1:40000;branch=z9hG4bK776asdhds
        Max-Forwards: 70
        To: Bob <sip:bob@example.com>
        From: Alice <sip:alice@192.0.2.1:40000>;tag=1928301774
        Call-ID: a84b4c76e66710@192.0.2.1
        CSeq: 314159 INVITE
        Contact: <sip:alice@192.0.2.1:40000;transport=tls>
        Content-Type: application/sdp
        Content-Length: #

        v=0
        o=alice 2890844526 2890844526 IN IP4 192.0.2.1
        s=-
        i=(o=IN IP4 10.0.0.5)
        c=IN IP4 192.0.2.1
        t=0 0
        m=audio 5118 RTP/AVP 0
        a=rtpmap:0 PCMU/8000
        """));

    ctx.serverToPhone();
    Sip.Run ok = Sip.run(chain, ctx, Sip.inviteResponse("a84b4c76e66710@192.0.2.1", "200 OK", true));

    assertThat(ok.verdict()).isEqualTo(Verdict.forward());
    assertThat(ok.wire()).isEqualTo(wire("""
        SIP/2.0 200 OK
        Via: SIP/2.0/TLS 10.0.0.5:5061;branch=z9hG4bK776asdhds;received=192.0.2.1
        To: Bob <sip:bob@example.com>;tag=a6c85cf
        From: Alice <sip:alice@10.0.0.5:5061>;tag=1928301774
        Call-ID: a84b4c76e66710@10.0.0.5
        CSeq: 314159 INVITE
        Contact: <sip:bob@198.51.100.20:5061;transport=tls>
        Content-Type: application/sdp
        Content-Length: #

        """ + Sip.SDP_SERVER));
    assertThat(ctx.notes).contains("nat: Via 192.0.2.1:40000 -> 10.0.0.5:5061");
  }

  @Test
  void inDialogRequestFromTheServerIsTranslatedBack() {
    VoipProfile profile = VoipProfile.defaults();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = answeredCallOfThePhone(chain, profile, "bye");

    Sip.Run bye = Sip.run(chain, ctx, """
        BYE sip:alice@192.0.2.1:40000;transport=tls SIP/2.0
        Via: SIP/2.0/TLS 198.51.100.20:5061;branch=z9hG4bKbye1
        Max-Forwards: 70
        From: Bob <sip:bob@example.com>;tag=a6c85cf
        To: Alice <sip:alice@192.0.2.1:40000>;tag=1928301774
        Call-ID: bye@192.0.2.1
        CSeq: 1 BYE
        Content-Length: 0

        """);

    assertThat(bye.wire()).isEqualTo(wire("""
        BYE sip:alice@10.0.0.5:5061;transport=tls SIP/2.0
        Via: SIP/2.0/TLS 198.51.100.20:5061;branch=z9hG4bKbye1
        Max-Forwards: 70
        From: Bob <sip:bob@example.com>;tag=a6c85cf
        To: Alice <sip:alice@10.0.0.5:5061>;tag=1928301774
        Call-ID: bye@10.0.0.5
        CSeq: 1 BYE
        Content-Length: 0

        """));
    // the phone's 200 OK to that BYE goes out NATed again
    ctx.phoneToServer();
    Sip.Run ok = Sip.run(chain, ctx, """
        SIP/2.0 200 OK
        Via: SIP/2.0/TLS 198.51.100.20:5061;branch=z9hG4bKbye1
        From: Bob <sip:bob@example.com>;tag=a6c85cf
        To: Alice <sip:alice@10.0.0.5:5061>;tag=1928301774
        Call-ID: bye@10.0.0.5
        CSeq: 1 BYE
        Content-Length: 0

        """);
    assertThat(ok.wire()).contains("To: Alice <sip:alice@192.0.2.1:40000>;tag=1928301774\r\n")
        .contains("Call-ID: bye@192.0.2.1\r\n")
        .contains("Via: SIP/2.0/TLS 198.51.100.20:5061;branch=z9hG4bKbye1\r\n");
  }

  @Test
  void routeAndRecordRouteAreTranslatedButNotToOrTheRequestUri() {
    VoipProfile profile = VoipProfile.defaults();
    FakeContext ctx = new FakeContext(profile);
    String text = Sip.inDialog("INFO", "rr@example.com", 5)
        .replace("INFO sip:bob@198.51.100.20:5061;transport=tls", "INFO sip:bob@10.0.0.5")
        .replace("To: Bob <sip:bob@example.com>", "To: Bob <sip:bob@10.0.0.5>")
        .replace("Content-Length: 0", "Route: <sip:10.0.0.5;lr>\nRecord-Route: <sip:10.0.0.5:5061;lr>\nContent-Length: 0");
    Sip.Run run = Sip.run(harness.chain(profile), ctx, text);
    assertThat(run.wire()).startsWith("INFO sip:bob@10.0.0.5 SIP/2.0\r\n")
        .contains("To: Bob <sip:bob@10.0.0.5>;tag=a6c85cf\r\n")
        .contains("Route: <sip:192.0.2.1;lr>\r\n")
        .contains("Record-Route: <sip:192.0.2.1:40000;lr>\r\n")
        .contains("Call-ID: rr@example.com\r\n");
  }

  @Test
  void noSdpFixupLeavesTheBodyAlone() {
    VoipProfile profile = Harness.profile().noSdpFixup(true).build();
    FakeContext ctx = new FakeContext(profile);
    Sip.Run run = Sip.run(harness.chain(profile), ctx, Sip.invite("n@10.0.0.5"));
    assertThat(run.wire()).endsWith(Sip.SDP_PHONE.replace("\n", "\r\n"))
        .contains("Via: SIP/2.0/TLS 192.0.2.1:40000;");
  }

  @Test
  void natTraceDisabledRewritesWithoutAnInformationLine() {
    VoipProfile profile = Harness.profile().natTrace(false).build();
    FakeContext ctx = new FakeContext(profile);
    Sip.Run run = Sip.run(harness.chain(profile), ctx, Sip.invite("t@10.0.0.5"));
    assertThat(run.wire()).contains("c=IN IP4 192.0.2.1\r\n").doesNotContain("i=");
  }

  @Test
  void natTraceAppendsToAnExistingInformationLine() {
    VoipProfile profile = VoipProfile.defaults();
    assertThat(profile.natTrace()).isTrue();
    assertThat(profile.preserveOverride()).isFalse();
    FakeContext ctx = new FakeContext(profile);
    String text = Sip.invite("i@10.0.0.5").replace("s=-\n", "s=-\ni=Alice's phone\n");
    Sip.Run run = Sip.run(harness.chain(profile), ctx, text);
    assertThat(run.wire()).contains("s=-\r\ni=Alice's phone (o=IN IP4 10.0.0.5)\r\nc=IN IP4 192.0.2.1\r\n");
  }

  @Test
  void preserveOverrideReplacesTheInformationLine() {
    VoipProfile profile = Harness.profile().preserveOverride(true).build();
    FakeContext ctx = new FakeContext(profile);
    String text = Sip.invite("p@10.0.0.5").replace("s=-\n", "s=-\ni=Alice's phone\n");
    Sip.Run run = Sip.run(harness.chain(profile), ctx, text);
    assertThat(run.wire()).contains("s=-\r\ni=(o=IN IP4 10.0.0.5)\r\nc=IN IP4 192.0.2.1\r\n")
        .doesNotContain("Alice's phone");
  }

  @Test
  void contactFixupDisabledKeepsAnExternalContactWhenRecordRouteIsPresent() {
    VoipProfile profile = Harness.profile().contactFixup(false).build();
    // the Contact names an address that is not the phone's (e.g. the phone sits behind another NAT)
    String external = Sip.invite("c@10.0.0.5").replace("<sip:alice@10.0.0.5:5061;", "<sip:alice@203.0.113.99:5070;");
    String withRr = external
        .replace("Content-Type:", "Record-Route: <sip:proxy.example.com;lr>\nContent-Type:");
    Sip.Run kept = Sip.run(harness.chain(profile), new FakeContext(profile), withRr);
    assertThat(kept.wire()).contains("Contact: <sip:alice@203.0.113.99:5070;transport=tls>\r\n")
        .contains("Via: SIP/2.0/TLS 192.0.2.1:40000;");

    Sip.Run withoutRr = Sip.run(harness.chain(profile), new FakeContext("s2", profile), external);
    assertThat(withoutRr.wire()).contains("Contact: <sip:alice@192.0.2.1:40000;transport=tls>\r\n");

    Sip.Run own = Sip.run(harness.chain(profile), new FakeContext("s3", profile),
        Sip.invite("c3@10.0.0.5").replace("Content-Type:", "Record-Route: <sip:proxy.example.com;lr>\nContent-Type:"));
    assertThat(own.wire()).as("the phone's own address is always translated")
        .contains("Contact: <sip:alice@192.0.2.1:40000;transport=tls>\r\n");
  }

  @Test
  void contactFixupEnabledTranslatesAnyContactOfThePhone() {
    VoipProfile profile = VoipProfile.defaults();
    assertThat(profile.contactFixup()).isTrue();
    String withRr = Sip.invite("c@10.0.0.5").replace("<sip:alice@10.0.0.5:5061;", "<sip:alice@203.0.113.99:5070;")
        .replace("Content-Type:", "Record-Route: <sip:proxy.example.com;lr>\nContent-Type:");
    Sip.Run run = Sip.run(harness.chain(profile), new FakeContext(profile), withRr);
    assertThat(run.wire()).contains("Contact: <sip:alice@192.0.2.1:40000;transport=tls>\r\n")
        .contains("Record-Route: <sip:proxy.example.com;lr>\r\n");
  }

  private static final String REGISTER = """
      REGISTER sip:example.com SIP/2.0
      Via: SIP/2.0/TLS 10.0.0.5:5061;branch=z9hG4bKnashds7
      Max-Forwards: 70
      To: Alice <sip:alice@example.com>
      From: Alice <sip:alice@example.com>;tag=456248
      Call-ID: 843817637684230@10.0.0.5
      CSeq: 1826 REGISTER
      Contact: <sip:alice@10.0.0.5:5061;transport=tls>
      Expires: 7200
      Content-Length: 0

      """;

  @Test
  void registerContactTraceKeepsTheOriginalAddressInTheContact() {
    VoipProfile profile = Harness.profile().registerContactTrace(true).build();
    FakeContext ctx = new FakeContext(profile);
    Sip.Run run = Sip.run(harness.chain(profile), ctx, REGISTER);
    assertThat(run.wire()).contains(
        "Contact: <sip:alice@192.0.2.1:40000;transport=tls;x-sipalg-orig=10.0.0.5:5061>\r\n");
    assertThat(ctx.notes).contains("nat: Via 10.0.0.5:5061 -> 192.0.2.1:40000",
        "nat: Contact 10.0.0.5:5061 -> 192.0.2.1:40000;x-sipalg-orig=10.0.0.5:5061");
    // a Contact written without angle brackets gets them: the parameter belongs to the URI
    Sip.Run bare = Sip.run(harness.chain(profile), new FakeContext("s3", profile), REGISTER
        .replace("Contact: <sip:alice@10.0.0.5:5061;transport=tls>", "Contact: sip:alice@10.0.0.5:5061;expires=60"));
    assertThat(bare.wire()).contains(
        "Contact: <sip:alice@192.0.2.1:40000;x-sipalg-orig=10.0.0.5:5061>;expires=60\r\n");

    VoipProfile plain = VoipProfile.defaults();
    assertThat(plain.registerContactTrace()).isFalse();
    Sip.Run untraced = Sip.run(harness.chain(plain), new FakeContext("s2", plain), REGISTER);
    assertThat(untraced.wire()).contains("Contact: <sip:alice@192.0.2.1:40000;transport=tls>\r\n");
  }

  @Test
  void incomingRequestToTheRegisteredContactIsTranslatedBack() {
    VoipProfile profile = VoipProfile.defaults();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    Sip.run(chain, ctx, REGISTER);
    ctx.serverToPhone();
    Sip.Run invite = Sip.run(chain, ctx, """
        INVITE sip:alice@192.0.2.1:40000;transport=tls SIP/2.0
        Via: SIP/2.0/TLS 198.51.100.10:5061;branch=z9hG4bKin1
        Max-Forwards: 69
        To: <sip:alice@example.com>
        From: <sip:carol@example.org>;tag=99
        Call-ID: incoming-1@198.51.100.10
        CSeq: 1 INVITE
        Content-Length: 0

        """);
    assertThat(invite.wire()).startsWith("INVITE sip:alice@10.0.0.5:5061;transport=tls SIP/2.0\r\n");
    assertThat(ctx.notes).contains("nat: Request-URI 192.0.2.1:40000 -> 10.0.0.5:5061");
  }

  /**
   * A call the server side starts: its Call-ID, From and To are the caller's, and the phone's
   * answers must carry them exactly as the request did (RFC 3261 8.2.6.2), even when they hold an
   * address that looks like the phone's (here the caller sits in a private network numbered like
   * the phone's). Only the phone's own Contact, Via and SDP are translated.
   */
  @Test
  void aCallTheServerStartedKeepsTheCallersCallIdFromAndToInThePhonesMessages() {
    VoipProfile profile = VoipProfile.defaults();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    Sip.run(chain, ctx, REGISTER);
    ctx.serverToPhone();
    Sip.Run invite = Sip.run(chain, ctx, """
        INVITE sip:alice@192.0.2.1:40000;transport=tls SIP/2.0
        Via: SIP/2.0/TLS 198.51.100.10:5061;branch=z9hG4bKin2
        Max-Forwards: 69
        To: <sip:alice@10.0.0.5>
        From: <sip:carol@10.0.0.5>;tag=99
        Call-ID: incoming-2@10.0.0.5
        CSeq: 1 INVITE
        Contact: <sip:carol@198.51.100.10:5061;transport=tls>
        Content-Length: 0

        """);
    assertThat(invite.wire()).contains("To: <sip:alice@10.0.0.5>\r\n")
        .contains("From: <sip:carol@10.0.0.5>;tag=99\r\n")
        .contains("Call-ID: incoming-2@10.0.0.5\r\n");

    ctx.phoneToServer();
    Sip.Run ok = Sip.run(chain, ctx, """
        SIP/2.0 200 OK
        Via: SIP/2.0/TLS 198.51.100.10:5061;branch=z9hG4bKin2
        To: <sip:alice@10.0.0.5>;tag=a1
        From: <sip:carol@10.0.0.5>;tag=99
        Call-ID: incoming-2@10.0.0.5
        CSeq: 1 INVITE
        Contact: <sip:alice@10.0.0.5:5061;transport=tls>
        Content-Length: 0

        """);
    assertThat(ok.wire()).isEqualTo(wire("""
        SIP/2.0 200 OK
        Via: SIP/2.0/TLS 198.51.100.10:5061;branch=z9hG4bKin2
        To: <sip:alice@10.0.0.5>;tag=a1
        From: <sip:carol@10.0.0.5>;tag=99
        Call-ID: incoming-2@10.0.0.5
        CSeq: 1 INVITE
        Contact: <sip:alice@192.0.2.1:40000;transport=tls>
        Content-Length: 0

        """));

    Sip.Run bye = Sip.run(chain, ctx, """
        BYE sip:carol@198.51.100.10:5061;transport=tls SIP/2.0
        Via: SIP/2.0/TLS 10.0.0.5:5061;branch=z9hG4bKbye2
        Max-Forwards: 70
        Route: <sip:10.0.0.5:5070;lr>
        From: <sip:alice@10.0.0.5>;tag=a1
        To: <sip:carol@10.0.0.5>;tag=99
        Call-ID: incoming-2@10.0.0.5
        CSeq: 1 BYE
        Content-Length: 0

        """);
    assertThat(bye.wire()).isEqualTo(wire("""
        BYE sip:carol@198.51.100.10:5061;transport=tls SIP/2.0
        Via: SIP/2.0/TLS 192.0.2.1:40000;branch=z9hG4bKbye2
        Max-Forwards: 70
        Route: <sip:10.0.0.5:5070;lr>
        From: <sip:alice@10.0.0.5>;tag=a1
        To: <sip:carol@10.0.0.5>;tag=99
        Call-ID: incoming-2@10.0.0.5
        CSeq: 1 BYE
        Content-Length: 0

        """));
  }

  /**
   * RFC 3261 9.1: a CANCEL (and the ACK of a non-2xx answer) has the Request-URI of the INVITE it
   * belongs to. The server sends all of them to the ALG's outside address; the phone must get the
   * INVITE's translation back (its registered Contact) even after its ringing answer named another
   * Contact, which is where the requests of the dialog go (the BYE after a 200).
   */
  @Test
  void cancelAndTheAckOfARejectionGetTheInvitesRequestUriAndDialogRequestsTheDialogsContact() {
    VoipProfile profile = VoipProfile.defaults();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    Sip.run(chain, ctx, REGISTER);
    String invite = """
        INVITE sip:alice@192.0.2.1:40000;transport=tls SIP/2.0
        Via: SIP/2.0/TLS 198.51.100.10:5061;branch=z9hG4bKinv7
        Max-Forwards: 69
        To: <sip:alice@example.com>
        From: <sip:carol@example.org>;tag=77
        Call-ID: incoming-7@198.51.100.10
        CSeq: 1 INVITE
        Content-Length: 0

        """;
    ctx.serverToPhone();
    assertThat(Sip.run(chain, ctx, invite).wire())
        .startsWith("INVITE sip:alice@10.0.0.5:5061;transport=tls SIP/2.0\r\n");
    ctx.phoneToServer();
    Sip.run(chain, ctx, """
        SIP/2.0 180 Ringing
        Via: SIP/2.0/TLS 198.51.100.10:5061;branch=z9hG4bKinv7
        To: <sip:alice@example.com>;tag=r1
        From: <sip:carol@example.org>;tag=77
        Call-ID: incoming-7@198.51.100.10
        CSeq: 1 INVITE
        Contact: <sip:alice@10.0.0.5:6000;transport=tls>
        Content-Length: 0

        """);
    ctx.serverToPhone();
    Sip.Run cancel = Sip.run(chain, ctx, invite.replace("INVITE sip:", "CANCEL sip:")
        .replace("CSeq: 1 INVITE", "CSeq: 1 CANCEL"));
    assertThat(cancel.wire()).startsWith("CANCEL sip:alice@10.0.0.5:5061;transport=tls SIP/2.0\r\n");
    Sip.Run ack = Sip.run(chain, ctx, invite.replace("INVITE sip:", "ACK sip:")
        .replace("CSeq: 1 INVITE", "CSeq: 1 ACK").replace("<sip:alice@example.com>", "<sip:alice@example.com>;tag=r1"));
    assertThat(ack.wire()).startsWith("ACK sip:alice@10.0.0.5:5061;transport=tls SIP/2.0\r\n");
    Sip.Run bye = Sip.run(chain, ctx, invite.replace("INVITE sip:", "BYE sip:")
        .replace("branch=z9hG4bKinv7", "branch=z9hG4bKbye7").replace("CSeq: 1 INVITE", "CSeq: 2 BYE")
        .replace("<sip:alice@example.com>", "<sip:alice@example.com>;tag=r1"));
    assertThat(bye.wire()).startsWith("BYE sip:alice@10.0.0.5:6000;transport=tls SIP/2.0\r\n");
  }

  /**
   * The server side re-INVITEs the phone's own call (hold, session refresh): the request reaches
   * the phone at its dialog Contact with the phone's identifiers restored, and the phone's 200
   * goes back with the Call-ID and To the server knows and its SDP translated.
   */
  @Test
  void aReInviteFromTheServerInThePhonesCallIsTranslatedBothWays() {
    VoipProfile profile = VoipProfile.defaults();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = answeredCallOfThePhone(chain, profile, "re");
    Sip.Run reinvite = Sip.run(chain, ctx, """
        INVITE sip:alice@192.0.2.1:40000;transport=tls SIP/2.0
        Via: SIP/2.0/TLS 198.51.100.20:5061;branch=z9hG4bKre1
        Max-Forwards: 70
        From: Bob <sip:bob@example.com>;tag=a6c85cf
        To: Alice <sip:alice@192.0.2.1:40000>;tag=1928301774
        Call-ID: re@192.0.2.1
        CSeq: 2 INVITE
        Contact: <sip:bob@198.51.100.20:5061;transport=tls>
        Content-Type: application/sdp
        Content-Length: #

        """ + Sip.SDP_SERVER.replace("a=rtpmap:0 PCMU/8000", "a=rtpmap:0 PCMU/8000\na=sendonly"));
    assertThat(reinvite.wire())
        .startsWith("INVITE sip:alice@10.0.0.5:5061;transport=tls SIP/2.0\r\n")
        .contains("To: Alice <sip:alice@10.0.0.5:5061>;tag=1928301774\r\n")
        .contains("Call-ID: re@10.0.0.5\r\n");

    ctx.phoneToServer();
    Sip.Run ok = Sip.run(chain, ctx, """
        SIP/2.0 200 OK
        Via: SIP/2.0/TLS 198.51.100.20:5061;branch=z9hG4bKre1
        From: Bob <sip:bob@example.com>;tag=a6c85cf
        To: Alice <sip:alice@10.0.0.5:5061>;tag=1928301774
        Call-ID: re@10.0.0.5
        CSeq: 2 INVITE
        Contact: <sip:alice@10.0.0.5:5061;transport=tls>
        Content-Type: application/sdp
        Content-Length: #

        """ + Sip.SDP_PHONE.replace("a=rtpmap:0 PCMU/8000", "a=rtpmap:0 PCMU/8000\na=recvonly"));
    assertThat(ok.wire()).contains("From: Bob <sip:bob@example.com>;tag=a6c85cf\r\n")
        .contains("To: Alice <sip:alice@192.0.2.1:40000>;tag=1928301774\r\n")
        .contains("Call-ID: re@192.0.2.1\r\n")
        .contains("Contact: <sip:alice@192.0.2.1:40000;transport=tls>\r\n")
        .contains("c=IN IP4 192.0.2.1\r\n")
        .contains("a=recvonly\r\n");
  }

  /** The phone cancelling its own INVITE: the CANCEL is translated exactly as the INVITE was. */
  @Test
  void thePhonesCancelMatchesItsTranslatedInvite() {
    VoipProfile profile = VoipProfile.defaults();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    String invite = Sip.invite("cx@10.0.0.5");
    String sent = Sip.run(chain, ctx, invite).wire();
    String cancel = """
        CANCEL sip:bob@example.com SIP/2.0
        Via: SIP/2.0/TLS 10.0.0.5:5061;branch=z9hG4bK776asdhds
        Max-Forwards: 70
        To: Bob <sip:bob@example.com>
        From: Alice <sip:alice@10.0.0.5:5061>;tag=1928301774
        Call-ID: cx@10.0.0.5
        CSeq: 314159 CANCEL
        Content-Length: 0

        """;
    String cancelled = Sip.run(chain, ctx, cancel).wire();
    for (String header : new String[] {"Via", "To", "From", "Call-ID"}) {
      assertThat(line(cancelled, header)).as(header).isEqualTo(line(sent, header));
    }
    assertThat(cancelled).startsWith("CANCEL sip:bob@example.com SIP/2.0\r\n");
  }

  /**
   * The phone's call {@code id@10.0.0.5} offered and answered (a 200 with SDP, through NAT both
   * ways); the context is left in the server-to-phone direction.
   */
  private FakeContext answeredCallOfThePhone(SipInspector chain, VoipProfile profile, String id) {
    FakeContext ctx = new FakeContext(profile);
    Sip.run(chain, ctx, Sip.invite(id + "@10.0.0.5"));
    ctx.serverToPhone();
    Sip.run(chain, ctx, Sip.inviteResponse(id + "@192.0.2.1", "200 OK", true));
    return ctx;
  }

  private static String line(String message, String header) {
    return message.lines().filter(l -> l.startsWith(header + ":")).findFirst().orElseThrow();
  }

  /**
   * One connection carrying several registrations (an IP-PBX or another proxy behind the ALG): the
   * ALG writes the same outside address into every Contact, so a call for one user must go back to
   * that user's Contact, not to the one registered last.
   */
  @Test
  void incomingRequestsGoToTheContactTheirUserRegistered() {
    VoipProfile profile = VoipProfile.defaults();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    Sip.run(chain, ctx, REGISTER);
    Sip.Run second = Sip.run(chain, ctx, REGISTER.replace("alice", "bob").replace("10.0.0.5:5061;", "10.0.0.6:5062;")
        .replace("843817637684230@", "99@").replace("z9hG4bKnashds7", "z9hG4bKnashds8"));
    assertThat(second.wire()).contains("Contact: <sip:bob@192.0.2.1:40000;transport=tls>\r\n");
    ctx.serverToPhone();
    for (String[] userAndContact : new String[][] {{"alice", "10.0.0.5:5061"}, {"bob", "10.0.0.6:5062"}}) {
      String user = userAndContact[0];
      Sip.Run invite = Sip.run(chain, ctx, """
          INVITE sip:USER@192.0.2.1:40000;transport=tls SIP/2.0
          Via: SIP/2.0/TLS 198.51.100.10:5061;branch=z9hG4bKin-USER
          Max-Forwards: 69
          To: <sip:USER@example.com>
          From: <sip:carol@example.org>;tag=99
          Call-ID: incoming-USER@198.51.100.10
          CSeq: 1 INVITE
          Content-Length: 0

          """.replace("USER", user));
      assertThat(invite.wire()).as(user)
          .startsWith("INVITE sip:" + user + "@" + userAndContact[1] + ";transport=tls SIP/2.0\r\n");
    }
  }

  /** The answer to the REGISTER lists the bindings: the phone finds its own as it wrote it. */
  @Test
  void theRegisterAnswerGivesThePhoneItsOwnContactBack() {
    VoipProfile profile = VoipProfile.defaults();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    Sip.run(chain, ctx, REGISTER);
    ctx.serverToPhone();
    Sip.Run ok = Sip.run(chain, ctx, """
        SIP/2.0 200 OK
        Via: SIP/2.0/TLS 192.0.2.1:40000;branch=z9hG4bKnashds7;received=192.0.2.1
        To: Alice <sip:alice@example.com>;tag=r1
        From: Alice <sip:alice@example.com>;tag=456248
        Call-ID: 843817637684230@192.0.2.1
        CSeq: 1826 REGISTER
        Contact: <sip:alice@192.0.2.1:40000;transport=tls>;expires=7200, <sip:alice@192.0.2.1:40123;transport=tls>;expires=100, <sip:alice@198.51.100.77>;expires=60
        Content-Length: 0

        """);
    // the other two bindings are not this connection's: another outside port, another address
    assertThat(ok.wire()).contains("Contact: <sip:alice@10.0.0.5:5061;transport=tls>;expires=7200, "
        + "<sip:alice@192.0.2.1:40123;transport=tls>;expires=100, <sip:alice@198.51.100.77>;expires=60\r\n")
        .contains("Via: SIP/2.0/TLS 10.0.0.5:5061;branch=z9hG4bKnashds7;received=192.0.2.1\r\n");
    assertThat(ctx.notes).contains("nat: Contact 192.0.2.1:40000 -> 10.0.0.5:5061");
  }

  /**
   * An IP-PBX behind the ALG registers two devices of one user over its one connection. Only the
   * {@code register-contact-trace} parameter tells their bindings apart (the ALG writes the same
   * outside address into both), so a call forked to both reaches each device, its CANCEL follows
   * its INVITE, and the REGISTER answer lists each binding as its device wrote it. A trace value
   * the ALG did not write is not followed.
   */
  @Test
  void twoDevicesOfOneUserBehindOneConnectionAreToldApartByTheirTraceParameter() {
    VoipProfile profile = Harness.profile().registerContactTrace(true).build();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    Sip.run(chain, ctx, REGISTER);
    Sip.Run second = Sip.run(chain, ctx, REGISTER.replace("10.0.0.5:5061;transport", "10.0.0.6:5062;transport")
        .replace("843817637684230@", "99@").replace("z9hG4bKnashds7", "z9hG4bKnashds8"));
    assertThat(second.wire()).contains(
        "Contact: <sip:alice@192.0.2.1:40000;transport=tls;x-sipalg-orig=10.0.0.6:5062>\r\n");
    ctx.serverToPhone();
    Sip.Run ok = Sip.run(chain, ctx, """
        SIP/2.0 200 OK
        Via: SIP/2.0/TLS 192.0.2.1:40000;branch=z9hG4bKnashds8
        To: Alice <sip:alice@example.com>;tag=r2
        From: Alice <sip:alice@example.com>;tag=456248
        Call-ID: 99@192.0.2.1
        CSeq: 1826 REGISTER
        Contact: <sip:alice@192.0.2.1:40000;transport=tls;x-sipalg-orig=10.0.0.5:5061>;expires=7000, <sip:alice@192.0.2.1:40000;transport=tls;x-sipalg-orig=10.0.0.6:5062>;expires=7200
        Content-Length: 0

        """);
    assertThat(ok.wire()).contains("Contact: <sip:alice@10.0.0.5:5061;transport=tls>;expires=7000, "
        + "<sip:alice@10.0.0.6:5062;transport=tls>;expires=7200\r\n");
    String invite = """
        INVITE sip:alice@192.0.2.1:40000;transport=tls;x-sipalg-orig=DEVICE SIP/2.0
        Via: SIP/2.0/TLS 198.51.100.10:5061;branch=BRANCH
        Max-Forwards: 69
        To: <sip:alice@example.com>
        From: <sip:carol@example.org>;tag=99
        Call-ID: forked-1@198.51.100.10
        CSeq: 1 INVITE
        Content-Length: 0

        """;
    for (String[] fork : new String[][] {{"10.0.0.5:5061", "z9hG4bKfork1"}, {"10.0.0.6:5062", "z9hG4bKfork2"}}) {
      Sip.Run branch = Sip.run(chain, ctx, invite.replace("DEVICE", fork[0]).replace("BRANCH", fork[1]));
      assertThat(branch.wire()).as(fork[1])
          .startsWith("INVITE sip:alice@" + fork[0] + ";transport=tls SIP/2.0\r\n");
    }
    Sip.Run cancel = Sip.run(chain, ctx, invite.replace("DEVICE", "10.0.0.5:5061")
        .replace("BRANCH", "z9hG4bKfork1").replace("INVITE", "CANCEL"));
    assertThat(cancel.wire()).startsWith("CANCEL sip:alice@10.0.0.5:5061;transport=tls SIP/2.0\r\n");
    Sip.Run foreign = Sip.run(chain, ctx, invite.replace("DEVICE", "10.9.9.9:5060")
        .replace("BRANCH", "z9hG4bKother").replace("forked-1", "other-1"));
    assertThat(foreign.wire()).startsWith(
        "INVITE sip:alice@10.0.0.6:5062;transport=tls;x-sipalg-orig=10.9.9.9:5060 SIP/2.0\r\n");
  }

  /**
   * Both devices of a call forked to them answer (RFC 3261 13.2.2.4): one Call-ID, two dialogs.
   * The caller ACKs each 200 and sends a BYE in the dialog it does not keep: each request must
   * reach the device of its dialog (the phone's tag in To), not the one that answered last.
   */
  @Test
  void requestsInEachDialogOfAForkedCallReachTheDeviceOfThatDialog() {
    VoipProfile profile = VoipProfile.defaults();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    Sip.run(chain, ctx, REGISTER);
    ctx.serverToPhone();
    String invite = """
        INVITE sip:alice@192.0.2.1:40000;transport=tls SIP/2.0
        Via: SIP/2.0/TLS 198.51.100.10:5061;branch=BRANCH
        Max-Forwards: 69
        To: <sip:alice@example.com>
        From: <sip:carol@example.org>;tag=99
        Call-ID: both-answer@198.51.100.10
        CSeq: 1 INVITE
        Content-Length: 0

        """;
    Sip.run(chain, ctx, invite.replace("BRANCH", "z9hG4bKb1"));
    Sip.run(chain, ctx, invite.replace("BRANCH", "z9hG4bKb2"));
    ctx.phoneToServer();
    for (String[] device : new String[][] {{"z9hG4bKb1", "dev1", "10.0.0.5:5070"}, {"z9hG4bKb2", "dev2", "10.0.0.5:5072"}}) {
      Sip.Run ok = Sip.run(chain, ctx, """
          SIP/2.0 200 OK
          Via: SIP/2.0/TLS 198.51.100.10:5061;branch=BRANCH
          To: <sip:alice@example.com>;tag=TAG
          From: <sip:carol@example.org>;tag=99
          Call-ID: both-answer@198.51.100.10
          CSeq: 1 INVITE
          Contact: <sip:alice@CONTACT;transport=tls>
          Content-Length: 0

          """.replace("BRANCH", device[0]).replace("TAG", device[1]).replace("CONTACT", device[2]));
      assertThat(ok.wire()).contains("Contact: <sip:alice@192.0.2.1:40000;transport=tls>\r\n");
    }
    ctx.serverToPhone();
    String inDialog = """
        METHOD sip:alice@192.0.2.1:40000;transport=tls SIP/2.0
        Via: SIP/2.0/TLS 198.51.100.10:5061;branch=z9hG4bK-METHOD-TAG
        Max-Forwards: 70
        To: <sip:alice@example.com>;tag=TAG
        From: <sip:carol@example.org>;tag=99
        Call-ID: both-answer@198.51.100.10
        CSeq: CSEQ
        Content-Length: 0

        """;
    for (String[] request : new String[][] {{"ACK", "dev1", "1 ACK", "10.0.0.5:5070"},
        {"ACK", "dev2", "1 ACK", "10.0.0.5:5072"}, {"BYE", "dev1", "2 BYE", "10.0.0.5:5070"}}) {
      Sip.Run run = Sip.run(chain, ctx, inDialog.replace("METHOD", request[0])
          .replace("TAG", request[1]).replace("CSEQ", request[2]));
      assertThat(run.wire()).as(request[0] + " in dialog " + request[1])
          .startsWith(request[0] + " sip:alice@" + request[3] + ";transport=tls SIP/2.0\r\n");
    }
  }

  /**
   * Early dialogs (RFC 3262): both devices of a forked call send a reliable 183 with their own
   * Contact and tag; the caller's PRACK to each must reach that device before either answers.
   */
  @Test
  void aPrackInEachEarlyDialogOfAForkedCallReachesTheDeviceOfThatDialog() {
    VoipProfile profile = VoipProfile.defaults();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    Sip.run(chain, ctx, REGISTER);
    ctx.serverToPhone();
    String invite = """
        INVITE sip:alice@192.0.2.1:40000;transport=tls SIP/2.0
        Via: SIP/2.0/TLS 198.51.100.10:5061;branch=BRANCH
        Max-Forwards: 69
        To: <sip:alice@example.com>
        From: <sip:carol@example.org>;tag=99
        Call-ID: early@198.51.100.10
        CSeq: 1 INVITE
        Supported: 100rel
        Content-Length: 0

        """;
    Sip.run(chain, ctx, invite.replace("BRANCH", "z9hG4bKe1"));
    Sip.run(chain, ctx, invite.replace("BRANCH", "z9hG4bKe2"));
    ctx.phoneToServer();
    String[][] devices = {{"z9hG4bKe1", "early1", "10.0.0.5:5070"}, {"z9hG4bKe2", "early2", "10.0.0.5:5072"}};
    for (String[] device : devices) {
      Sip.run(chain, ctx, """
          SIP/2.0 183 Session Progress
          Via: SIP/2.0/TLS 198.51.100.10:5061;branch=BRANCH
          To: <sip:alice@example.com>;tag=TAG
          From: <sip:carol@example.org>;tag=99
          Call-ID: early@198.51.100.10
          CSeq: 1 INVITE
          Require: 100rel
          RSeq: 1
          Contact: <sip:alice@CONTACT;transport=tls>
          Content-Length: 0

          """.replace("BRANCH", device[0]).replace("TAG", device[1]).replace("CONTACT", device[2]));
    }
    ctx.serverToPhone();
    for (String[] device : devices) {
      Sip.Run prack = Sip.run(chain, ctx, """
          PRACK sip:alice@192.0.2.1:40000;transport=tls SIP/2.0
          Via: SIP/2.0/TLS 198.51.100.10:5061;branch=z9hG4bKp-TAG
          Max-Forwards: 70
          To: <sip:alice@example.com>;tag=TAG
          From: <sip:carol@example.org>;tag=99
          Call-ID: early@198.51.100.10
          CSeq: 2 PRACK
          RAck: 1 1 INVITE
          Content-Length: 0

          """.replace("TAG", device[1]));
      assertThat(prack.wire()).as("PRACK in early dialog " + device[1])
          .startsWith("PRACK sip:alice@" + device[2] + ";transport=tls SIP/2.0\r\n");
    }
  }

  /**
   * A proxy behind the ALG forwards a request it got from a UA on the same host: both Via entries
   * carry the inside address and both are translated, so the response must get both back, or the
   * proxy would send it on to the ALG's outside address instead of to its UA.
   */
  @Test
  void everyViaTranslatedOnTheWayOutIsRestoredInTheResponse() {
    VoipProfile profile = VoipProfile.defaults();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    String request = Sip.request("MESSAGE").replace(
        "Via: SIP/2.0/TLS 10.0.0.5:5061;branch=z9hG4bK74bf9\n",
        "Via: SIP/2.0/TLS 10.0.0.5:5061;branch=z9hG4bK74bf9\nVia: SIP/2.0/TLS 10.0.0.5:5070;branch=z9hG4bKua1\n");
    assertThat(Sip.run(chain, ctx, request).wire())
        .contains("Via: SIP/2.0/TLS 192.0.2.1:40000;branch=z9hG4bK74bf9\r\n")
        .contains("Via: SIP/2.0/TLS 192.0.2.1:40000;branch=z9hG4bKua1\r\n");
    ctx.serverToPhone();
    Sip.Run ok = Sip.run(chain, ctx, """
        SIP/2.0 200 OK
        Via: SIP/2.0/TLS 192.0.2.1:40000;branch=z9hG4bK74bf9;received=192.0.2.1
        Via: SIP/2.0/TLS 192.0.2.1:40000;branch=z9hG4bKua1
        To: <sip:example.com>;tag=s1
        From: Alice <sip:alice@example.com>;tag=9fxced76sl
        Call-ID: 3848276298220188511@example.com
        CSeq: 1 MESSAGE
        Content-Length: 0

        """);
    assertThat(ok.wire()).contains("Via: SIP/2.0/TLS 10.0.0.5:5061;branch=z9hG4bK74bf9;received=192.0.2.1\r\n")
        .contains("Via: SIP/2.0/TLS 10.0.0.5:5070;branch=z9hG4bKua1\r\n");
  }

  /**
   * With {@code hosted-nat-traversal} every private literal counts as the phone's, but a proxy on
   * the server side may have one too: the route set it built (its Record-Route, echoed back in the
   * phone's Route and in the phone's answers) is the server side's and must not be translated.
   */
  @Test
  void theServerSidesRouteSetIsNotTranslatedEvenWhenItLooksPrivate() {
    VoipProfile profile = Harness.profile().hostedNatTraversal(true).build();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    Sip.run(chain, ctx, Sip.invite("rr@10.0.0.5"));
    ctx.serverToPhone();
    Sip.run(chain, ctx, Sip.inviteResponse("rr@192.0.2.1", "200 OK", false)
        .replace("CSeq: 314159 INVITE\n", "CSeq: 314159 INVITE\nRecord-Route: <sip:172.16.9.9;lr>\n"));
    ctx.phoneToServer();
    Sip.Run bye = Sip.run(chain, ctx, Sip.inDialog("BYE", "rr@10.0.0.5", 314160)
        .replace("Max-Forwards: 70\n", "Max-Forwards: 70\nRoute: <sip:172.16.9.9;lr>\n"));
    assertThat(bye.wire()).contains("Route: <sip:172.16.9.9;lr>\r\n")
        .contains("Via: SIP/2.0/TLS 192.0.2.1:40000;");

    // a call from that side: its Record-Route comes back in the phone's 200 unchanged
    ctx.serverToPhone();
    Sip.run(chain, ctx, """
        INVITE sip:alice@192.0.2.1:40000;transport=tls SIP/2.0
        Record-Route: <sip:172.16.9.9;lr>
        Via: SIP/2.0/TLS 172.16.9.9:5061;branch=z9hG4bKrr2
        Max-Forwards: 69
        To: <sip:alice@example.com>
        From: <sip:carol@example.org>;tag=5
        Call-ID: rr-in@example.org
        CSeq: 1 INVITE
        Content-Length: 0

        """);
    ctx.phoneToServer();
    Sip.Run ok = Sip.run(chain, ctx, """
        SIP/2.0 200 OK
        Record-Route: <sip:172.16.9.9;lr>
        Via: SIP/2.0/TLS 172.16.9.9:5061;branch=z9hG4bKrr2
        To: <sip:alice@example.com>;tag=a2
        From: <sip:carol@example.org>;tag=5
        Call-ID: rr-in@example.org
        CSeq: 1 INVITE
        Contact: <sip:alice@10.0.0.5:5061;transport=tls>
        Content-Length: 0

        """);
    assertThat(ok.wire()).contains("Record-Route: <sip:172.16.9.9;lr>\r\n")
        .contains("Via: SIP/2.0/TLS 172.16.9.9:5061;branch=z9hG4bKrr2\r\n")
        .contains("Contact: <sip:alice@192.0.2.1:40000;transport=tls>\r\n");
  }

  /** A malformed lower Via the profile lets pass must not cost the response its top Via. */
  @Test
  void aMalformedLowerViaStillLetsTheTopViaBeRestored() {
    VoipProfile profile = VoipProfile.defaults();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    Sip.run(chain, ctx, Sip.invite("badvia@10.0.0.5"));
    ctx.serverToPhone();
    Sip.Run ringing = Sip.run(chain, ctx, Sip.inviteResponse("badvia@192.0.2.1", "180 Ringing", false)
        .replace("CSeq: 314159 INVITE\n", "CSeq: 314159 INVITE\nVia: SIP/2.0/TLS ;;\n"));
    assertThat(ringing.wire()).contains("Via: SIP/2.0/TLS 10.0.0.5:5061;branch=z9hG4bK776asdhds;")
        .contains("Via: SIP/2.0/TLS ;;\r\n");
  }

  /** A malformed Record-Route the profile lets pass must not cost the response its Via. */
  @Test
  void aMalformedRecordRouteFromTheServerStillLetsTheViaBeRestored() {
    VoipProfile profile = VoipProfile.defaults();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    Sip.run(chain, ctx, Sip.invite("badrr@10.0.0.5"));
    ctx.serverToPhone();
    Sip.Run ringing = Sip.run(chain, ctx, Sip.inviteResponse("badrr@192.0.2.1", "180 Ringing", false)
        .replace("CSeq: 314159 INVITE\n", "CSeq: 314159 INVITE\nRecord-Route: <sip:proxy.example.com;lr\n"));
    assertThat(ringing.verdict()).isEqualTo(Verdict.forward());
    assertThat(ringing.wire()).contains("Via: SIP/2.0/TLS 10.0.0.5:5061;branch=z9hG4bK776asdhds;")
        .contains("Record-Route: <sip:proxy.example.com;lr\r\n");
  }

  /** The phone answering the server's request in the phone's own call: From is the requester's. */
  @Test
  void thePhonesAnswerKeepsTheRequestersFrom() {
    VoipProfile profile = VoipProfile.defaults();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = answeredCallOfThePhone(chain, profile, "own");
    ctx.phoneToServer();
    Sip.Run ok = Sip.run(chain, ctx, """
        SIP/2.0 200 OK
        Via: SIP/2.0/TLS 198.51.100.20:5061;branch=z9hG4bKbye3
        From: Bob <sip:bob@10.0.0.5>;tag=a6c85cf
        To: Alice <sip:alice@10.0.0.5:5061>;tag=1928301774
        Call-ID: own@10.0.0.5
        CSeq: 1 BYE
        Content-Length: 0

        """);
    assertThat(ok.wire()).contains("From: Bob <sip:bob@10.0.0.5>;tag=a6c85cf\r\n")
        .contains("To: Alice <sip:alice@192.0.2.1:40000>;tag=1928301774\r\n")
        .contains("Call-ID: own@192.0.2.1\r\n");
  }

  @Test
  void hostedNatTraversalAlsoRewritesThePhonesPrivateAddress() {
    VoipProfile profile = Harness.profile().hostedNatTraversal(true).build();
    FakeContext ctx = new FakeContext(profile);
    // the phone sits behind a NAT at 203.0.113.7 and writes its own private address
    ctx.addresses = SessionAddresses.accepted(new InetSocketAddress("203.0.113.7", 31000),
        FakeContext.ALG_INSIDE).withServerSide(FakeContext.ALG_OUTSIDE, FakeContext.SERVER);
    String text = Sip.invite("h@192.168.1.10").replace("10.0.0.5", "192.168.1.10");
    Sip.Run run = Sip.run(harness.chain(profile), ctx, text);
    assertThat(run.wire()).contains("Via: SIP/2.0/TLS 192.0.2.1:40000;")
        .contains("Contact: <sip:alice@192.0.2.1:40000;transport=tls>")
        .contains("Call-ID: h@192.0.2.1\r\n")
        .contains("c=IN IP4 192.0.2.1\r\n");

    VoipProfile without = VoipProfile.defaults();
    FakeContext ctx2 = new FakeContext("s2", without);
    ctx2.addresses = ctx.addresses;
    Sip.Run plain = Sip.run(harness.chain(without), ctx2, text);
    // without hosted NAT traversal the private address is not the phone's: only the Contact is
    // translated, and only because contact-fixup always translates the phone's Contact
    assertThat(plain.wire()).contains("Via: SIP/2.0/TLS 192.168.1.10:5061;")
        .contains("Call-ID: h@192.168.1.10\r\n")
        .contains("c=IN IP4 192.168.1.10\r\n")
        .contains("Contact: <sip:alice@192.0.2.1:40000;transport=tls>");
  }

  @Test
  void withoutAnUpstreamConnectionNothingIsTranslated() {
    VoipProfile profile = VoipProfile.defaults();
    FakeContext ctx = new FakeContext(profile);
    ctx.addresses = SessionAddresses.accepted(FakeContext.PHONE, FakeContext.ALG_INSIDE);
    Sip.Run run = Sip.run(harness.chain(profile), ctx, Sip.invite("u@10.0.0.5"));
    assertThat(run.verdict()).isEqualTo(Verdict.forward());
    assertThat(run.message().isEdited()).isFalse();
    assertThat(ctx.notes).contains("nat: skipped, the upstream connection does not exist yet");
  }

  @Test
  void otherPartiesAddressesAreLeftAlone() {
    VoipProfile profile = VoipProfile.defaults();
    FakeContext ctx = new FakeContext(profile);
    Sip.Run run = Sip.run(harness.chain(profile), ctx, Sip.request("MESSAGE"));
    // only the phone's own Via is the phone's address; example.com URIs stay as written
    assertThat(run.wire()).isEqualTo(wire(Sip.request("MESSAGE")
        .replace("TLS 10.0.0.5:5061", "TLS 192.0.2.1:40000")));
  }
}
