package io.sipalg.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipalg.api.VoipProfile;
import io.sipalg.api.inspect.SipInspector;
import io.sipalg.api.session.SessionAddresses;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/**
 * NAT with IPv6 on either side: addresses are written as SIP and SDP need them (brackets in URIs
 * and Via, {@code IN IP6} in SDP, the RFC 5952 text, never a zone) and compared as addresses,
 * whatever spelling the phone used.
 */
class NatIpv6Test {
  private final Harness harness = new Harness();

  private static FakeContext context(VoipProfile profile, String phone, String outside, String server) {
    FakeContext ctx = new FakeContext(profile);
    ctx.addresses = SessionAddresses.accepted(new InetSocketAddress(phone, 50123),
        new InetSocketAddress("::1", 5061)).withServerSide(new InetSocketAddress(outside, 40000),
        new InetSocketAddress(server, 5061));
    return ctx;
  }

  private static final String INVITE = """
      INVITE sip:bob@example.com SIP/2.0
      Via: SIP/2.0/TLS [fd00:0:0:0::5]:5061;branch=z9hG4bK6a
      Max-Forwards: 70
      To: <sip:bob@example.com>
      From: <sip:alice@[FD00::5]:5061>;tag=61
      Call-ID: v6call@[fd00::5]
      CSeq: 1 INVITE
      Contact: <sip:alice@[fd00::5]:5061;transport=tls>
      Content-Type: application/sdp
      Content-Length: #

      v=0
      o=alice 1 1 IN IP6 fd00::5
      s=-
      c=IN IP6 fd00::5
      t=0 0
      m=audio 49170 RTP/AVP 0
      """;

  @Test
  void anIpv6PhoneBehindAnIpv6OutsideAddressIsTranslatedBothWays() {
    VoipProfile profile = VoipProfile.builder().natTrace(false).build();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = context(profile, "fd00::5", "2001:db8:0:0:0:0:0:1", "2001:db8::10");
    Sip.Run invite = Sip.run(chain, ctx, INVITE);
    assertThat(invite.wire())
        .contains("Via: SIP/2.0/TLS [2001:db8::1]:40000;branch=z9hG4bK6a\r\n")
        .contains("From: <sip:alice@[2001:db8::1]:40000>;tag=61\r\n")
        .contains("Contact: <sip:alice@[2001:db8::1]:40000;transport=tls>\r\n")
        .contains("o=alice 1 1 IN IP6 2001:db8::1\r\n")
        .contains("c=IN IP6 2001:db8::1\r\n")
        .doesNotContain("fd00", "FD00", "0:0:0");
    ctx.serverToPhone();
    Sip.Run ok = Sip.run(chain, ctx, """
        SIP/2.0 200 OK
        Via: SIP/2.0/TLS [2001:db8::1]:40000;branch=z9hG4bK6a
        To: <sip:bob@example.com>;tag=b1
        From: <sip:alice@[2001:db8::1]:40000>;tag=61
        Call-ID: v6call@[2001:db8::1]
        CSeq: 1 INVITE
        Contact: <sip:bob@[2001:db8::20]:5061;transport=tls>
        Content-Length: 0

        """);
    // each restored exactly as the phone spelled it
    assertThat(ok.wire()).contains("Via: SIP/2.0/TLS [fd00:0:0:0::5]:5061;branch=z9hG4bK6a\r\n")
        .contains("From: <sip:alice@[FD00::5]:5061>;tag=61\r\n")
        .contains("Call-ID: v6call@[fd00::5]\r\n");
  }

  /** A dual-stack ALG: an IPv4 phone inside, IPv6 outside. The SDP address type changes too. */
  @Test
  void anIpv4PhoneBehindAnIpv6OutsideAddressGetsIp6InItsSdp() {
    VoipProfile profile = VoipProfile.builder().natTrace(false).build();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = context(profile, "10.0.0.5", "2001:db8::1", "2001:db8::10");
    Sip.Run invite = Sip.run(chain, ctx, Sip.invite("dual@10.0.0.5"));
    assertThat(invite.wire())
        .contains("Via: SIP/2.0/TLS [2001:db8::1]:40000;branch=")
        .contains("Contact: <sip:alice@[2001:db8::1]:40000;transport=tls>\r\n")
        .contains("Call-ID: dual@[2001:db8::1]\r\n")
        .contains("o=alice 2890844526 2890844526 IN IP6 2001:db8::1\r\n")
        .contains("c=IN IP6 2001:db8::1\r\n")
        .doesNotContain("10.0.0.5");
  }

  /** An outside address with a zone (link-local) is written without it: SIP cannot carry one. */
  @Test
  void aLinkLocalOutsideAddressIsWrittenWithoutItsZone() throws Exception {
    VoipProfile profile = VoipProfile.builder().natTrace(false).build();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    java.net.InetAddress scoped = java.net.Inet6Address.getByAddress(null,
        io.sipalg.parser.IpLiteral.parse("fe80::1").getAddress(), 2);
    ctx.addresses = SessionAddresses.accepted(new InetSocketAddress("10.0.0.5", 50123),
        new InetSocketAddress("10.0.0.1", 5061)).withServerSide(new InetSocketAddress(scoped, 40000),
        new InetSocketAddress("fe80::10", 5061));
    Sip.Run invite = Sip.run(chain, ctx, Sip.invite("scoped@10.0.0.5"));
    assertThat(invite.wire()).contains("Contact: <sip:alice@[fe80::1]:40000;transport=tls>\r\n")
        .contains("c=IN IP6 fe80::1\r\n").doesNotContain("%");
  }

  /** register-contact-trace with an IPv6 phone: the parameter value keeps its brackets. */
  @Test
  void aTracedIpv6ContactRoutesAnIncomingCallBack() {
    VoipProfile profile = Harness.profile().registerContactTrace(true).build();
    SipInspector chain = harness.chain(profile);
    FakeContext ctx = context(profile, "fd00::5", "2001:db8::1", "2001:db8::10");
    Sip.Run register = Sip.run(chain, ctx, """
        REGISTER sip:example.com SIP/2.0
        Via: SIP/2.0/TLS [fd00::5]:5061;branch=z9hG4bKr6
        Max-Forwards: 70
        To: <sip:alice@example.com>
        From: <sip:alice@example.com>;tag=r6
        Call-ID: reg6@example.com
        CSeq: 1 REGISTER
        Contact: <sip:alice@[fd00::5]:5061;transport=tls>
        Content-Length: 0

        """);
    assertThat(register.wire()).contains(
        "Contact: <sip:alice@[2001:db8::1]:40000;transport=tls;x-sipalg-orig=[fd00::5]:5061>\r\n");
    ctx.serverToPhone();
    Sip.Run invite = Sip.run(chain, ctx, """
        INVITE sip:alice@[2001:db8::1]:40000;transport=tls;x-sipalg-orig=[fd00::5]:5061 SIP/2.0
        Via: SIP/2.0/TLS [2001:db8::10]:5061;branch=z9hG4bKi6
        Max-Forwards: 69
        To: <sip:alice@example.com>
        From: <sip:carol@example.org>;tag=c6
        Call-ID: in6@example.org
        CSeq: 1 INVITE
        Content-Length: 0

        """);
    assertThat(invite.wire()).startsWith("INVITE sip:alice@[fd00::5]:5061;transport=tls SIP/2.0\r\n");
  }
}
