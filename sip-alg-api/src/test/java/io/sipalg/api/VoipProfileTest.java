package io.sipalg.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class VoipProfileTest {
  static final List<String> METHODS = FortiOsReference.METHODS;
  static final List<String> HEADERS = FortiOsReference.HEADERS;

  static List<String[]> referenceTable() {
    return FortiOsReference.options();
  }

  @Test
  void everyReferenceOptionIsKnownWithItsFortiOsDefault() {
    List<String[]> table = referenceTable();
    for (String[] row : table) {
      VoipOption<?> option = VoipOption.byName(row[0]).orElseThrow(() -> new AssertionError(row[0]));
      assertThat(text(option, VoipProfile.defaults())).as(row[0]).isEqualTo(row[1]);
    }
    assertThat(VoipOption.all()).hasSize(table.size());
  }

  private static <T> String text(VoipOption<T> option, VoipProfile p) {
    return option.format(p.get(option));
  }

  @Test
  void keyedAccessorsCoverEveryMethodAndHeader() {
    VoipProfile p = VoipProfile.builder()
        .block(SipMethodOption.INVITE, true)
        .rate(SipMethodOption.REGISTER, 50)
        .rateTrack(SipMethodOption.REGISTER, RateTrack.SRC_IP)
        .malformedAction(MalformedHeaderOption.SDP_C, MalformedAction.RESPOND)
        .build();
    assertThat(p.blocked(SipMethodOption.INVITE)).isTrue();
    assertThat(p.blocked(SipMethodOption.BYE)).isFalse();
    assertThat(p.rate(SipMethodOption.REGISTER)).isEqualTo(50);
    assertThat(p.rateTrack(SipMethodOption.REGISTER)).isEqualTo(RateTrack.SRC_IP);
    assertThat(p.malformedAction(MalformedHeaderOption.SDP_C)).isEqualTo(MalformedAction.RESPOND);
    assertThat(p.get(VoipOption.byName("malformed-header-sdp-c").orElseThrow()))
        .isEqualTo(MalformedAction.RESPOND);
    assertThat(SipMethodOption.values()).hasSize(METHODS.size());
    assertThat(MalformedHeaderOption.values()).hasSize(HEADERS.size());
  }

  @Test
  void toBuilderEqualsAndHashCode() {
    VoipProfile a = VoipProfile.builder().name("p").comment("c").sslMode(SslMode.FULL)
        .sslServerCertificate("Server_cert").build();
    VoipProfile b = a.toBuilder().build();
    assertThat(b).isEqualTo(a).hasSameHashCodeAs(a);
    assertThat(a.toBuilder().rtp(false).build()).isNotEqualTo(a);
    assertThat(a.toBuilder().name("q").build()).isNotEqualTo(a);
    assertThat(a.toBuilder().unset(VoipOption.SSL_MODE).unset(VoipOption.SSL_SERVER_CERTIFICATE)
            .name("default").comment("").build())
        .isEqualTo(VoipProfile.defaults());
  }

  @Test
  void toStringListsNonDefaultOptionsInFortiOsSyntax() {
    assertThat(VoipProfile.defaults().toString()).isEqualTo("VoipProfile \"default\" {all defaults}");
    VoipProfile p = VoipProfile.builder().sslMode(SslMode.FULL).sslServerCertificate("S")
        .block(SipMethodOption.ACK, true).build();
    assertThat(p.toString())
        .isEqualTo("VoipProfile \"default\" {ssl-mode full, ssl-server-certificate \"S\","
            + " block-ack enable}");
  }

  @Test
  void sslModeOffMeansNoTlsInterception() {
    assertThat(VoipProfile.defaults().tlsInterception()).isFalse();
    assertThatThrownBy(() -> VoipProfile.defaults().requireTlsInterception())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("voip profile 'default' has ssl-mode off")
        .hasMessageContaining("set ssl-mode full");
    VoipProfile full = VoipProfile.builder().sslMode(SslMode.FULL).sslServerCertificate("S").build();
    assertThat(full.requireTlsInterception()).isSameAs(full);
  }

  @Test
  void tlsProtocolsSpanMinToMax() {
    assertThat(VoipProfile.defaults().tlsProtocols())
        .containsExactly("TLSv1.1", "TLSv1.2", "TLSv1.3");
    assertThat(VoipProfile.builder().sslMinVersion(TlsVersion.SSL_3_0)
            .sslMaxVersion(TlsVersion.TLS_1_0).build().tlsProtocols())
        .containsExactly("SSLv3", "TLSv1");
  }

  @Test
  void regexesAreCompiled() {
    VoipProfile p = VoipProfile.builder().callIdRegex("[a-z0-9]+@.*").build();
    assertThat(p.callIdPattern()).get().matches(x -> x.matcher("abc@host").matches());
    assertThat(p.contentTypePattern()).isEmpty();
  }

  private static void assertViolation(VoipProfile.Builder b, String option, String message) {
    assertThatThrownBy(b::build)
        .isInstanceOfSatisfying(InvalidProfileException.class,
            e -> assertThat(e.violations()).extracting(InvalidProfileException.Violation::option)
                .containsExactly(option))
        .hasMessage(message);
  }

  @Test
  void minVersionAboveMaxVersion() {
    assertViolation(VoipProfile.builder().sslMinVersion(TlsVersion.TLS_1_3)
            .sslMaxVersion(TlsVersion.TLS_1_2), "ssl-min-version",
        "ssl-min-version tls-1.3 is above ssl-max-version tls-1.2: lower ssl-min-version or"
            + " raise ssl-max-version");
  }

  @Test
  void pfsDenyWithTls13() {
    assertViolation(VoipProfile.builder().sslPfs(SslPfs.DENY), "ssl-pfs",
        "ssl-pfs deny cannot be met with ssl-max-version tls-1.3 (TLS 1.3 is always"
            + " forward-secret): set ssl-max-version tls-1.2 or ssl-pfs allow");
    VoipProfile.builder().sslPfs(SslPfs.DENY).sslMaxVersion(TlsVersion.TLS_1_2).build();
  }

  @Test
  void fullModeWithoutServerCertificate() {
    assertViolation(VoipProfile.builder().sslMode(SslMode.FULL), "ssl-server-certificate",
        "ssl-mode full needs ssl-server-certificate (the certificate presented to phones): set"
            + " ssl-server-certificate to a local certificate name, or set ssl-mode off");
  }

  @Test
  void maxLineLengthRange() {
    assertViolation(VoipProfile.builder().maxLineLength(77), "max-line-length",
        "max-line-length 77 is out of range: use a value from 78 to 4096");
    assertViolation(VoipProfile.builder().maxLineLength(4097), "max-line-length",
        "max-line-length 4097 is out of range: use a value from 78 to 4096");
    VoipProfile.builder().maxLineLength(78).build();
    VoipProfile.builder().maxLineLength(4096).build();
  }

  @Test
  void callKeepaliveRange() {
    assertViolation(VoipProfile.builder().callKeepalive(10081), "call-keepalive",
        "call-keepalive 10081 is out of range: use a value from 0 to 10080");
    assertViolation(VoipProfile.builder().callKeepalive(-1), "call-keepalive",
        "call-keepalive -1 is out of range: use a value from 0 to 10080");
  }

  @Test
  void provisionalInviteExpiryRange() {
    assertViolation(VoipProfile.builder().provisionalInviteExpiryTime(9),
        "provisional-invite-expiry-time",
        "provisional-invite-expiry-time 9 is out of range: use a value from 10 to 3600");
    assertViolation(VoipProfile.builder().provisionalInviteExpiryTime(3601),
        "provisional-invite-expiry-time",
        "provisional-invite-expiry-time 3601 is out of range: use a value from 10 to 3600");
  }

  @Test
  void rateAndCountRanges() {
    assertViolation(VoipProfile.builder().rate(SipMethodOption.INVITE, 4294967296L), "invite-rate",
        "invite-rate 4294967296 is out of range: use a value from 0 to 4294967295");
    assertViolation(VoipProfile.builder().maxDialogs(-1), "max-dialogs",
        "max-dialogs -1 is out of range: use a value from 0 to 4294967295");
    assertViolation(VoipProfile.builder().maxIdleDialogs(-1), "max-idle-dialogs",
        "max-idle-dialogs -1 is out of range: use a value from 0 to 4294967295");
    assertViolation(VoipProfile.builder().maxBodyLength(4294967296L), "max-body-length",
        "max-body-length 4294967296 is out of range: use a value from 0 to 4294967295");
    VoipProfile.builder().rate(SipMethodOption.INVITE, 4294967295L).build();
  }

  @Test
  void natPortRange() {
    assertViolation(VoipProfile.builder().natPortRange(new PortRange(1023, 2000)),
        "nat-port-range",
        "nat-port-range 1023-2000 is outside 1024-65535: use ports from 1024 to 65535");
    assertViolation(VoipProfile.builder().natPortRange(new PortRange(6000, 5000)),
        "nat-port-range",
        "nat-port-range 6000-5000 starts above its end: write the lower port first");
    VoipProfile.builder().natPortRange(new PortRange(1024, 1024)).build();
  }

  @Test
  void regexLengthAndSyntax() {
    assertViolation(VoipProfile.builder().callIdRegex("a".repeat(512)), "call-id-regex",
        "call-id-regex is 512 characters long: shorten it to at most 511");
    VoipProfile.builder().callIdRegex("a".repeat(511)).build();
    assertThatThrownBy(() -> VoipProfile.builder().contentTypeRegex("application/(sdp").build())
        .isInstanceOf(InvalidProfileException.class)
        .hasMessageStartingWith("content-type-regex \"application/(sdp\" is not a valid regular"
            + " expression (Unclosed group");
  }

  @Test
  void profileName() {
    assertViolation(VoipProfile.builder().name(" "), "name",
        "voip profile name \" \" is empty or has control characters: give the profile a printable"
            + " name");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    assertThatThrownBy(() -> VoipProfile.builder().name("p").maxLineLength(1).callKeepalive(-5)
            .sslMode(SslMode.FULL).build())
        .isInstanceOfSatisfying(InvalidProfileException.class, e -> {
          assertThat(e.profileName()).isEqualTo("p");
          assertThat(e.violations()).extracting(InvalidProfileException.Violation::option)
              .containsExactly("max-line-length", "call-keepalive", "ssl-server-certificate");
        })
        .hasMessageStartingWith("voip profile 'p' has 3 problems: max-line-length 1 is out");
  }

  @Test
  void parseTextListsValidValues() {
    assertThatThrownBy(() -> VoipProfile.builder().setText(VoipOption.SSL_MODE, "fulll"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid value 'fulll' for ssl-mode: valid values are off, full");
    assertThatThrownBy(() -> VoipOption.SSL_MIN_VERSION.parse("tls-1.4"))
        .hasMessage("invalid value 'tls-1.4' for ssl-min-version: valid values are ssl-3.0,"
            + " tls-1.0, tls-1.1, tls-1.2, tls-1.3");
    assertThatThrownBy(() -> VoipOption.RTP.parse("yes"))
        .hasMessage("invalid value 'yes' for rtp: valid values are enable, disable");
    assertThatThrownBy(() -> VoipOption.MAX_DIALOGS.parse("-3"))
        .hasMessage("invalid value '-3' for max-dialogs: valid values are an integer from 0 to"
            + " 4294967295");
  }

  @Test
  void tlsVersionsKnowTheirJsseNames() {
    assertThat(TlsVersion.values()).extracting(TlsVersion::jsseName)
        .containsExactly("SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
    assertThat(TlsVersion.fromJsseName("TLSv1.2")).isEqualTo(TlsVersion.TLS_1_2);
  }
}
