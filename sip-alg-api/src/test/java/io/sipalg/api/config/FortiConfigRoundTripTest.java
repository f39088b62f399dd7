package io.sipalg.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipalg.api.FortiOsReference;
import io.sipalg.api.MalformedAction;
import io.sipalg.api.SipMethodOption;
import io.sipalg.api.SslMode;
import io.sipalg.api.TlsVersion;
import io.sipalg.api.VoipOption;
import io.sipalg.api.VoipProfile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FortiConfigRoundTripTest {
  @TempDir Path dir;

  private static FortiConfig roundTrip(FortiConfig config, Path dir) throws Exception {
    String written = FortiConfigWriter.write(config);
    FortiConfig again = FortiConfigReader.read(written, dir);
    assertThat(again).isEqualTo(config).hasSameHashCodeAs(config);
    assertThat(FortiConfigWriter.write(again)).isEqualTo(written);
    return again;
  }

  @Test
  void seedSnippetExactlyAsPublished() throws Exception {
    String text = ConfigFixtures.generatedCertificates(dir)
        + ConfigFixtures.resource("seed-snippet.conf");
    assertThat(text).contains("set ssl-client-certificate \u201CClient_cert\u201D set"
        + " ssl-server-certificate \u201CServer_cert\u201D set ssl-auth-client");
    FortiConfig config = FortiConfigReader.read(text, dir);
    assertThat(config.systemSettings().sipSslPort()).isEqualTo(5066);
    VoipProfile p = config.profile("default");
    assertThat(p.sslMode()).isEqualTo(SslMode.FULL);
    assertThat(p.tlsInterception()).isTrue();
    assertThat(p.sslClientCertificate()).isEqualTo("Client_cert");
    assertThat(p.sslServerCertificate()).isEqualTo("Server_cert");
    assertThat(p.sslAuthClient()).isEqualTo("check-server");
    assertThat(p.sslAuthServer()).isEqualTo("check-server-group");
    // everything else keeps the FortiOS defaults
    assertThat(p.toBuilder().sslMode(SslMode.OFF).sslClientCertificate("")
            .sslServerCertificate("").sslAuthClient("").sslAuthServer("").build())
        .isEqualTo(VoipProfile.defaults());
    assertThat(config.certificateStore().local("Server_cert").comment())
        .isEqualTo("presented to phones");
    assertThat(config.certificateStore().local("Server_cert").chain()).hasSize(2);
    assertThat(config.certificateStore().trust("check-server").peers()).hasSize(1);
    assertThat(config.certificateStore().trust("check-server-group").trustAnchors()).hasSize(1);
    FortiConfig again = roundTrip(config, dir);
    assertThat(FortiConfigWriter.write(again))
        .contains("        set certificate-file \"server.pem\"\n")
        .contains("        set private-key-file \"server.key\"\n")
        .doesNotContain("BEGIN");
  }

  /** A non-default value for every option, chosen so the profile stays valid. */
  static Map<String, String> everyOptionChanged() {
    Map<String, String> v = new LinkedHashMap<>();
    for (String[] row : FortiOsReference.options()) {
      String name = row[0];
      String def = row[1];
      String changed;
      switch (def) {
        case "enable":
          changed = "disable";
          break;
        case "disable":
          changed = "enable";
          break;
        case "pass":
          changed = name.hashCode() % 2 == 0 ? "discard" : "respond";
          break;
        case "none":
          changed = name.startsWith("invite") ? "dest-ip" : "src-ip";
          break;
        case "0":
          changed = String.valueOf(name.length() * 7);
          break;
        default:
          changed = null;
      }
      v.put(name, changed);
    }
    v.put("ssl-mode", "full");
    v.put("ssl-server-certificate", "\"Server_cert\"");
    v.put("ssl-client-certificate", "\"Client_cert\"");
    v.put("ssl-auth-client", "\"check-server-group\"");
    v.put("ssl-auth-server", "\"check-server\"");
    v.put("ssl-client-renegotiation", "deny");
    v.put("ssl-algorithm", "medium");
    v.put("ssl-pfs", "deny");
    v.put("ssl-min-version", "tls-1.0");
    v.put("ssl-max-version", "tls-1.2");
    v.put("nat-port-range", "20000-29999");
    v.put("max-line-length", "4096");
    v.put("call-keepalive", "10080");
    v.put("call-id-regex", "\"^[0-9a-f\\\\-]+@\\\\S+$\"");
    v.put("content-type-regex", "\"application/(sdp|dtmf-relay)\"");
    v.put("provisional-invite-expiry-time", "3600");
    v.put("invite-rate", "4294967295");
    return v;
  }

  @Test
  void everyOptionChangedFromItsDefault() throws Exception {
    Map<String, String> values = everyOptionChanged();
    StringBuilder text = new StringBuilder(ConfigFixtures.fixtureCertificates(dir));
    text.append("config system settings\n    set sip-ssl-port 5066\nend\n");
    text.append("config voip profile\n    edit \"all-changed\"\n        set comment \"every option"
        + " changed\"\n        config sip\n");
    values.forEach((k, v) -> text.append("            set ").append(k).append(' ').append(v)
        .append('\n'));
    text.append("        end\n    next\nend\n");
    FortiConfig config = FortiConfigReader.read(text.toString(), dir);
    VoipProfile p = config.profile("all-changed");
    assertThat(values).hasSize(VoipOption.all().size());
    for (VoipOption<?> option : VoipOption.all()) {
      assertThat(p.isDefault(option)).as(option.name()).isFalse();
      assertThat(values).containsKey(option.name());
    }
    assertThat(values.values()).doesNotContainNull();
    assertThat(p.comment()).isEqualTo("every option changed");
    assertThat(p.sslMinVersion()).isEqualTo(TlsVersion.TLS_1_0);
    assertThat(p.callIdRegex()).isEqualTo("^[0-9a-f\\-]+@\\S+$");
    assertThat(p.callIdPattern().orElseThrow().matcher("ab-12@host").matches()).isTrue();
    assertThat(p.rate(SipMethodOption.INVITE)).isEqualTo(4294967295L);
    assertThat(p.malformedAction(io.sipalg.api.MalformedHeaderOption.SDP_M))
        .isNotEqualTo(MalformedAction.PASS);
    FortiConfig again = roundTrip(config, dir);
    String written = FortiConfigWriter.write(again);
    assertThat(written)
        .contains("        set private-key \"-----BEGIN RSA PRIVATE KEY-----\nProc-Type:"
            + " 4,ENCRYPTED\n")
        .contains("        set password \"secret\"\n")
        .contains("        set pkcs12-file \"client-legacy-3des.p12\"\n")
        .contains("        set member \"check-server\" \"any-phone\"\n")
        .contains("            set call-id-regex \"^[0-9a-f\\\\-]+@\\\\S+$\"\n");
  }

  @Test
  void writerPrintsEveryDefaultLikeShowFullConfiguration() throws Exception {
    FortiConfig config = FortiConfigReader.read(
        "config voip profile\n edit p1\n next\nend\n", dir);
    String written = FortiConfigWriter.write(config);
    assertThat(written).startsWith(String.join("\n",
        "config system settings",
        "    set sip-ssl-port 5061",
        "end",
        "config voip profile",
        "    edit \"p1\"",
        "        set comment \"\"",
        "        config sip",
        "            set ssl-mode off",
        "            set ssl-server-certificate \"\"",
        "            set ssl-client-certificate \"\"",
        "            set ssl-auth-client \"\"",
        "            set ssl-auth-server \"\"",
        "            set ssl-send-empty-frags enable",
        "            set ssl-client-renegotiation allow",
        "            set ssl-algorithm high",
        "            set ssl-pfs allow",
        "            set ssl-min-version tls-1.1",
        "            set ssl-max-version tls-1.3",
        "            set status enable",
        ""));
    assertThat(written).endsWith("            set ips-rtp enable\n        end\n    next\nend\n");
    for (String[] row : FortiOsReference.options()) {
      String value = row[1].matches("[a-z0-9.-]+") ? row[1] : "\"" + row[1] + "\"";
      assertThat(written).contains("            set " + row[0] + " " + value + "\n");
    }
    assertThat(written.lines().filter(l -> l.startsWith("            set ")).count())
        .isEqualTo(FortiOsReference.options().size());
    roundTrip(config, dir);
  }

  @Test
  void encPasswordIsKeptOpaqueAndWrittenBackUnquoted() throws Exception {
    TestCertsWriter.plainServer(dir);
    String text = "config vpn certificate local\n"
        + "    edit \"S\"\n"
        + "        set password ENC QmFzZTY0IGJsb2I=\n"
        + "        set certificate-file \"plain.pem\"\n"
        + "        set private-key-file \"plain.key\"\n"
        + "    next\nend\n";
    FortiConfig config = FortiConfigReader.read(text, dir);
    assertThat(config.localCertificates().get(0).password()).isEqualTo("ENC QmFzZTY0IGJsb2I=");
    assertThat(FortiConfigWriter.write(config))
        .contains("        set password ENC QmFzZTY0IGJsb2I=\n");
    roundTrip(config, dir);
  }

  @Test
  void profileLookupNamesTheDefinedProfiles() throws Exception {
    FortiConfig config = FortiConfigReader.read("config voip profile\nedit a\nnext\nedit b\nend\n",
        dir);
    assertThat(config.profiles()).extracting(VoipProfile::name).containsExactly("a", "b");
    assertThatThrownBy(() -> config.profile("default"))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessage("no voip profile named 'default': defined profiles are [a, b]");
    assertThatThrownBy(() -> FortiConfigReader.read("", dir).profile("x"))
        .hasMessage("no voip profile named 'x': the configuration defines none; add one under"
            + " config voip profile");
  }

  @Test
  void readsFilesRelativeToTheConfigFile() throws Exception {
    Path sub = java.nio.file.Files.createDirectories(dir.resolve("etc"));
    String text = ConfigFixtures.generatedCertificates(sub)
        + ConfigFixtures.resource("seed-snippet.conf");
    ConfigFixtures.write(sub.resolve("alg.conf"), text);
    FortiConfig config = FortiConfigReader.read(sub.resolve("alg.conf"));
    assertThat(config.baseDirectory()).isEqualTo(sub.toAbsolutePath());
    assertThat(config.profile("default").sslServerCertificate()).isEqualTo("Server_cert");
  }
}
