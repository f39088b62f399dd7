package io.sipalg.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipalg.api.MalformedAction;
import io.sipalg.api.MalformedHeaderOption;
import io.sipalg.api.RateTrack;
import io.sipalg.api.SipMethodOption;
import io.sipalg.api.VoipProfile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Syntax the reader accepts besides the plain FortiOS layout. */
class FortiConfigReaderTest {
  @TempDir Path dir;

  private VoipProfile read(String text) throws FortiConfigException {
    return FortiConfigReader.read(text, dir).profiles().get(0);
  }

  @Test
  void commentsBlankLinesCrLfAndBom() throws Exception {
    VoipProfile p = read("\uFEFF#config-version=FGT60F-7.2.8\r\n\r\n# a comment\r\n"
        + "config voip profile\r\n  edit \"p\"   # trailing comment\r\n    config sip\r\n"
        + "      set block-invite enable\r\n    end\r\n  next\r\nend\r\n");
    assertThat(p.blocked(SipMethodOption.INVITE)).isTrue();
  }

  @Test
  void severalStatementsOnOneLineAndTypographicQuotes() throws Exception {
    VoipProfile p = read("config voip profile edit \u2018p q\u2019 config sip set invite-rate 5"
        + " set invite-rate-track src-ip set call-id-regex \u201C^a b$\u201D end next end");
    assertThat(p.name()).isEqualTo("p q");
    assertThat(p.rate(SipMethodOption.INVITE)).isEqualTo(5);
    assertThat(p.rateTrack(SipMethodOption.INVITE)).isEqualTo(RateTrack.SRC_IP);
    assertThat(p.callIdRegex()).isEqualTo("^a b$");
  }

  @Test
  void quotedKeywordsAndEscapesAreValues() throws Exception {
    VoipProfile p = read("config voip profile\n edit \"end\"\n set comment \"say \\\"next\\\""
        + " \\\\ set\"\n next\nend\n");
    assertThat(p.name()).isEqualTo("end");
    assertThat(p.comment()).isEqualTo("say \"next\" \\ set");
    FortiConfig config = FortiConfigReader.read(FortiConfigWriter.write(
        FortiConfigReader.read("config voip profile\n edit \"end\"\n set comment \"say \\\"next\\\""
            + " \\\\ set\"\n next\nend\n", dir)), dir);
    assertThat(config.profile("end").comment()).isEqualTo("say \"next\" \\ set");
  }

  @Test
  void unsetGoesBackToTheDefault() throws Exception {
    VoipProfile p = read("config voip profile\n edit p\n config sip\n set rtp disable\n"
        + " set malformed-header-via respond\n unset rtp\n end\n next\nend\n");
    assertThat(p.rtp()).isTrue();
    assertThat(p.malformedAction(MalformedHeaderOption.VIA)).isEqualTo(MalformedAction.RESPOND);
  }

  @Test
  void editingAnEntryAgainChangesIt() throws Exception {
    FortiConfig config = FortiConfigReader.read("config voip profile\n edit p\n config sip\n"
        + " set rtp disable\n end\n next\n edit q\n next\nend\nconfig voip profile\n edit p\n"
        + " config sip\n set block-bye enable\n end\n next\nend\n", dir);
    assertThat(config.profiles()).extracting(VoipProfile::name).containsExactly("p", "q");
    assertThat(config.profile("p").rtp()).isFalse();
    assertThat(config.profile("p").blocked(SipMethodOption.BYE)).isTrue();
  }

  @Test
  void endInsideAnEditClosesTheSection() throws Exception {
    FortiConfig config = FortiConfigReader.read("config voip profile\n edit p\n config sip\n"
        + " set rtp disable\n end\nend\nconfig system settings\n set sip-ssl-port 5070\nend\n",
        dir);
    assertThat(config.profile("p").rtp()).isFalse();
    assertThat(config.systemSettings().sipSslPort()).isEqualTo(5070);
  }

  @Test
  void fortiOsKeysThatDoNotMatterAreSkipped() throws Exception {
    TestCertsWriter.plainServer(dir);
    FortiConfig config = FortiConfigReader.read("config vpn certificate ca\n edit CA\n"
        + "  set ca-file plain-ca.pem\n  set range global\n  set source user\n next\nend\n"
        + "config vpn certificate local\n edit S\n  set certificate-file plain.pem\n"
        + "  set private-key-file plain.key\n  set range global\n  set source user\n"
        + "  set last-updated 1700000000\n next\nend\n"
        + "config user peer\n edit p\n  set ca CA\n  set mandatory-ca-verify enable\n"
        + "  set cn-type string\n next\nend\n"
        + "config voip profile\n edit v\n  set feature-set flow\n  config sip\n"
        + "   set rtp disable\n  end\n  config sccp\n   set status enable\n  end\n"
        + "  config msrp\n   set status enable\n  end\n next\nend\n", dir);
    assertThat(config.profile("v").rtp()).isFalse();
    assertThat(config.certificateStore().local("S").certificate()).isNotNull();
    assertThat(config.peers()).hasSize(1);
  }

  @Test
  void peerReferencedDirectlyByAProfile() throws Exception {
    String text = ConfigFixtures.generatedCertificates(dir) + "config voip profile\n edit p\n"
        + "  config sip\n   set ssl-auth-client \"check-server\"\n  end\n next\nend\n";
    FortiConfig config = FortiConfigReader.read(text, dir);
    assertThat(config.certificateStore().trust(config.profile("p").sslAuthClient()).peers())
        .hasSize(1);
  }

  @Test
  void emptyConfigurationHasTheDefaults() throws Exception {
    FortiConfig config = FortiConfigReader.read("# nothing\n", dir);
    assertThat(config.systemSettings().sipSslPort()).isEqualTo(5061);
    assertThat(config.profiles()).isEmpty();
    assertThat(FortiConfigWriter.write(config))
        .isEqualTo("config system settings\n    set sip-ssl-port 5061\nend\n");
  }
}
