package io.sipalg.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipalg.api.cert.GeneratedCertificate;
import io.sipalg.api.cert.TestCerts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of config error, with its line and column. */
class FortiConfigErrorTest {
  @TempDir Path dir;

  private FortiConfigException error(String text) {
    try {
      FortiConfigReader.read(text, dir);
    } catch (FortiConfigException e) {
      return e;
    }
    throw new AssertionError("no error for:\n" + text);
  }

  private void assertError(String text, String expected) {
    assertThat(error(text).format()).isEqualTo("<text>:" + expected);
  }

  private static String profile(String... sipLines) {
    StringBuilder sb = new StringBuilder("config voip profile\n    edit \"p\"\n        config sip\n");
    for (String l : sipLines) {
      sb.append("            ").append(l).append('\n');
    }
    return sb.append("        end\n    next\nend\n").toString();
  }

  @Test
  void formatGivesFileLineColumnAndMessage(@TempDir Path d) {
    Path file = d.resolve("alg.conf");
    ConfigFixtures.write(file, "config voip profile\n    edit \"p\"\n        sett x\n");
    assertThatThrownBy(() -> FortiConfigReader.read(file))
        .isInstanceOfSatisfying(FortiConfigException.class, e -> {
          assertThat(e.file()).isEqualTo(file.toString());
          assertThat(e.line()).isEqualTo(3);
          assertThat(e.column()).isEqualTo(9);
          assertThat(e.detail()).isEqualTo("expected 'config sip', 'set', 'unset', 'next' or"
              + " 'end' but found 'sett'");
          assertThat(e.format()).isEqualTo(file + ":3:9: " + e.detail());
        });
  }

  @Test
  void missingConfigFile(@TempDir Path d) {
    assertThatThrownBy(() -> FortiConfigReader.read(d.resolve("nope.conf")))
        .isInstanceOfSatisfying(FortiConfigException.class, e -> assertThat(e.format())
            .startsWith(d.resolve("nope.conf") + ":1:1: cannot read the config file"
                + " (NoSuchFileException"));
  }

  @Test
  void oversizedConfigFile(@TempDir Path d) throws Exception {
    Path big = d.resolve("big.conf");
    java.nio.file.Files.write(big, new byte[FortiConfigReader.MAX_CONFIG_BYTES + 1]);
    assertThatThrownBy(() -> FortiConfigReader.read(big))
        .hasMessage(big + ":1:1: the config file is larger than 16 MiB: check the path");
  }

  @Test
  void misspeltKeywordWhereEditIsExpected() {
    assertError("config user peer\n  sett ca \"CA1\"\nend\n",
        "2:3: expected 'edit' or 'end' but found 'sett'");
  }

  @Test
  void misspeltKeywordInsideAnEntry() {
    assertError("config user peer\n  edit p1\n    sett ca \"CA1\"\n",
        "3:5: expected 'set', 'unset', 'next' or 'end' but found 'sett'");
  }

  @Test
  void misspeltKeywordInConfigSip() {
    assertError(profile("set ssl-mode full", "next"),
        "5:13: expected 'set', 'unset' or 'end' but found 'next'");
  }

  @Test
  void topLevelStatementThatIsNotConfig() {
    assertError("set sip-ssl-port 5066\n", "1:1: expected 'config' but found 'set'");
    assertError("config system settings\nend\nend\n",
        "3:1: expected 'config' but found 'end': this 'end' closes nothing");
  }

  @Test
  void unsupportedSectionSuggestsTheClosest() {
    assertError("config voip profiles\nend\n", "1:8: unsupported section 'config voip"
        + " profiles': did you mean 'config voip profile'?");
    assertThat(error("config firewall policy\nend\n").detail())
        .isEqualTo("unsupported section 'config firewall policy': sip-alg reads config system"
            + " settings, config vpn certificate local, config vpn certificate ca, config user"
            + " peer, config user peergrp, config voip profile");
  }

  @Test
  void sectionNotClosed() {
    assertError("# comment\nconfig voip profile\n    edit \"p\"\n        config sip\n"
        + "            set rtp disable\n", "4:9: config sip is not closed: add 'end'");
    assertError("config system settings\n    set sip-ssl-port 5066\n",
        "1:1: config system settings is not closed: add 'end'");
  }

  @Test
  void unterminatedQuote() {
    assertError("config vpn certificate ca\n  edit \"CA1\n  next\nend\n",
        "2:8: unterminated quoted string: add the closing \" (quoted strings may span lines, so"
            + " the rest of the file was read as part of it)");
  }

  @Test
  void unknownSipOptionSuggestsTheClosest() {
    assertError(profile("set ssl-min-versoin tls-1.2"),
        "4:17: unknown option 'ssl-min-versoin' in config sip: did you mean 'ssl-min-version'?");
    assertError(profile("set malformed-header-sdp-cc pass"), "4:17: unknown option"
        + " 'malformed-header-sdp-cc' in config sip: did you mean 'malformed-header-sdp-c'?");
    assertError(profile("set frobnicate enable"),
        "4:17: unknown option 'frobnicate' in config sip");
  }

  @Test
  void sipOptionOutsideConfigSip() {
    assertError("config voip profile\n  edit p\n    set ssl-mode full\n  next\nend\n",
        "3:9: unknown option 'ssl-mode' in a voip profile: ssl-mode belongs under config sip");
  }

  @Test
  void unknownCertificateOptionListsValidOnes() {
    assertError("config vpn certificate local\n  edit S\n    set privat-key \"x\"\n",
        "3:9: unknown option 'privat-key' in config vpn certificate local: did you mean"
            + " 'private-key'? (valid options: certificate, certificate-file, comments, password,"
            + " pkcs12-file, private-key, private-key-file)");
  }

  @Test
  void unknownSystemSetting() {
    assertError("config system settings\n    set sip-tls-port 5066\nend\n",
        "2:9: unknown option 'sip-tls-port' in config system settings: did you mean"
            + " 'sip-ssl-port'? (sip-alg reads only sip-ssl-port there)");
  }

  @Test
  void badValueListsTheValidValues() {
    assertError(profile("set ssl-mode fulll"),
        "4:26: invalid value 'fulll' for ssl-mode: valid values are off, full");
    assertError(profile("set ssl-min-version tls-1.4"), "4:33: invalid value 'tls-1.4' for"
        + " ssl-min-version: valid values are ssl-3.0, tls-1.0, tls-1.1, tls-1.2, tls-1.3");
    assertError(profile("set invite-rate-track source"), "4:35: invalid value 'source' for"
        + " invite-rate-track: valid values are none, src-ip, dest-ip");
    assertError(profile("set rtp on"),
        "4:21: invalid value 'on' for rtp: valid values are enable, disable");
    assertError(profile("set malformed-header-via drop"), "4:38: invalid value 'drop' for"
        + " malformed-header-via: valid values are discard, pass, respond");
    assertError(profile("set nat-port-range 5000:6000"), "4:32: invalid value '5000:6000' for"
        + " nat-port-range: valid values are a port range LOW-HIGH within 1024-65535");
  }

  @Test
  void outOfRangeValuesPointAtTheValue() {
    assertError(profile("set max-line-length 5000"),
        "4:33: max-line-length 5000 is out of range: use a value from 78 to 4096");
    assertError(profile("set call-keepalive 10081"),
        "4:32: call-keepalive 10081 is out of range: use a value from 0 to 10080");
    assertError(profile("set provisional-invite-expiry-time 5"), "4:48:"
        + " provisional-invite-expiry-time 5 is out of range: use a value from 10 to 3600");
    assertError(profile("set register-rate 4294967296"),
        "4:31: register-rate 4294967296 is out of range: use a value from 0 to 4294967295");
    assertError(profile("set nat-port-range 6000-5000"),
        "4:32: nat-port-range 6000-5000 starts above its end: write the lower port first");
    assertError(profile("set nat-port-range 80-5000"),
        "4:32: nat-port-range 80-5000 is outside 1024-65535: use ports from 1024 to 65535");
    assertError(profile("set call-id-regex \"(\""), "4:31: call-id-regex \"(\" is not a valid"
        + " regular expression (Unclosed group near index 1): fix the expression");
    assertError(profile("set content-type-regex \"" + "a".repeat(512) + "\""),
        "4:36: content-type-regex is 512 characters long: shorten it to at most 511");
    assertError("config system settings\n    set sip-ssl-port 70000\nend\n",
        "2:22: sip-ssl-port 70000 is not a TCP port: use a value from 1 to 65535");
    assertError("config system settings\n    set sip-ssl-port tls\nend\n",
        "2:22: invalid value 'tls' for sip-ssl-port: valid values are a TCP port from 1 to"
            + " 65535");
  }

  @Test
  void numbersAreAsciiDigitsWithoutASign() {
    // Integer.parseInt and Character.isDigit accept both; FortiOS does not.
    String arabicIndic5061 = "\u0665\u0660\u0666\u0661";
    assertError("config system settings\n    set sip-ssl-port +5061\nend\n",
        "2:22: invalid value '+5061' for sip-ssl-port: valid values are a TCP port from 1 to"
            + " 65535");
    assertError("config system settings\n    set sip-ssl-port " + arabicIndic5061 + "\nend\n",
        "2:22: invalid value '" + arabicIndic5061 + "' for sip-ssl-port: valid values are a TCP"
            + " port from 1 to 65535");
    assertError(profile("set max-line-length " + arabicIndic5061), "4:33: invalid value '"
        + arabicIndic5061 + "' for max-line-length: valid values are an integer from 78 to 4096");
    assertError(profile("set nat-port-range +5000-6000"), "4:32: invalid value '+5000-6000' for"
        + " nat-port-range: valid values are a port range LOW-HIGH within 1024-65535");
  }

  @Test
  void valueCountErrors() {
    assertError(profile("set ssl-mode"),
        "4:17: set ssl-mode needs a value: valid values are off, full");
    assertError(profile("set ssl-mode full off"),
        "4:31: ssl-mode takes one value but found 2: quote a value that contains spaces");
    assertError(profile("unset rtp now"),
        "4:23: unset takes only the option name but found 'now'");
    assertError("config voip profile\n  edit a b\n", "2:10: edit needs exactly one name: quote a"
        + " name that contains spaces");
    assertError("config voip profile\n  edit p\n  next now\nend\n",
        "3:8: 'next' takes no arguments but found 'now'");
    assertError("config user peergrp\n  edit g\n    set member\n",
        "3:9: set member needs a value");
  }

  @Test
  void profileCrossChecksPointAtTheOptionToChange() {
    assertError(profile("set ssl-min-version tls-1.3", "set ssl-max-version tls-1.2"),
        "4:33: voip profile 'p': ssl-min-version tls-1.3 is above ssl-max-version tls-1.2: lower"
            + " ssl-min-version or raise ssl-max-version");
    assertError(profile("set ssl-pfs deny"),
        "4:25: voip profile 'p': ssl-pfs deny cannot be met with ssl-max-version tls-1.3 (TLS 1.3"
            + " is always forward-secret): set ssl-max-version tls-1.2 or ssl-pfs allow");
    assertError(profile("set ssl-mode full"),
        "2:10: voip profile 'p': ssl-mode full needs ssl-server-certificate (the certificate"
            + " presented to phones): set ssl-server-certificate to a local certificate name, or"
            + " set ssl-mode off");
  }

  @Test
  void missingCertificateAndPeerReferences() {
    String certs = ConfigFixtures.generatedCertificates(dir);
    int base = (int) certs.lines().count();
    assertThat(error(certs + profile("set ssl-mode full", "set ssl-server-certificate"
            + " \"Server_crt\"")).format())
        .isEqualTo("<text>:" + (base + 5) + ":40: voip profile 'p': ssl-server-certificate"
            + " 'Server_crt' is not a local certificate: import it under config vpn certificate"
            + " local, or correct the name: did you mean 'Server_cert'?");
    assertThat(error(certs + profile("set ssl-client-certificate \"Nope\"")).detail())
        .isEqualTo("voip profile 'p': ssl-client-certificate 'Nope' is not a local certificate:"
            + " import it under config vpn certificate local, or correct the name");
    assertThat(error(certs + profile("set ssl-auth-server \"check-server-grp\"")).format())
        .isEqualTo("<text>:" + (base + 4) + ":33: voip profile 'p': ssl-auth-server"
            + " 'check-server-grp' is neither a peer group nor a peer: add it under config user"
            + " peergrp or config user peer, or correct the name: did you mean"
            + " 'check-server-group'?");
    assertError("config user peer\n  edit p1\n    set ca \"CA9\"\n  next\nend\n",
        "3:12: peer 'p1': ca 'CA9' is not a CA certificate: import it under config vpn"
            + " certificate ca, or correct the name");
    assertError("config user peer\n  edit p1\n  next\nend\n",
        "2:8: peer 'p1' has no ca: set ca to a CA certificate name");
    assertThat(error(certs + "config user peergrp\n  edit g2\n    set member \"check-server\""
            + " \"p9\"\n  next\nend\n").format())
        .isEqualTo("<text>:" + (base + 3) + ":31: peer group 'g2': member 'p9' is not a peer:"
            + " add it under config user peer, or correct the name");
  }

  @Test
  void pfsDenyNeedsAnRsaServerCertificate() {
    String certs = ConfigFixtures.generatedCertificates(dir);
    assertThat(error(certs + profile("set ssl-mode full", "set ssl-server-certificate"
            + " \"Server_cert\"", "set ssl-pfs deny", "set ssl-max-version tls-1.2")).detail())
        .isEqualTo("voip profile 'p': ssl-pfs deny allows only RSA key exchange, which needs an"
            + " RSA ssl-server-certificate, but 'Server_cert' has an EC key: use an RSA"
            + " certificate or set ssl-pfs allow");
  }

  @Test
  void wrongPasswordPointsAtTheKey() {
    String certs = ConfigFixtures.generatedCertificates(dir).replace("s3cret", "wrong");
    FortiConfigException e = error(certs);
    assertThat(e.detail()).isEqualTo("wrong password for local certificate 'Server_cert': set the"
        + " password the key was encrypted with");
    assertThat(e.line()).isEqualTo(12);
    assertThat(e.column()).isEqualTo(30);
  }

  @Test
  void fortiOsEncryptedPasswordCannotDecryptAKey() {
    String certs = ConfigFixtures.generatedCertificates(dir)
        .replace("set password \"s3cret\"", "set password ENC AAAAbbbbCCCC");
    assertThat(error(certs).format()).isEqualTo("<text>:9:22: the password of local certificate"
        + " 'Server_cert' is FortiOS-encrypted (ENC ...), which only the FortiGate that wrote it"
        + " can decrypt: set the password in clear text");
  }

  @Test
  void missingFile() {
    assertError("config vpn certificate local\n  edit S\n    set certificate-file \"nope.pem\"\n"
        + "    set private-key-file \"nope.key\"\n  next\nend\n",
        "3:26: cannot read '" + dir.resolve("nope.pem") + "' for local certificate 'S'"
            + " (NoSuchFileException): check the path (relative paths start at the config file's"
            + " directory)");
    assertThat(error("config vpn certificate ca\n  edit CA\n    set ca-file \"x.pem\"\n  next\n"
        + "end\n").format()).startsWith("<text>:3:17: cannot read the CA file '"
        + dir.resolve("x.pem") + "' of CA certificate 'CA' (NoSuchFileException");
  }

  /** Found by FortiConfigFuzzTest: a NUL in a file key threw InvalidPathException. */
  @Test
  void aFileKeyThatIsNoPathIsAConfigError() {
    assertError("config vpn certificate local\n  edit S\n    set certificate-file \"a\0b.pem\"\n"
        + "    set private-key-file \"k.key\"\n  next\nend\n",
        "3:26: 'a\\0b.pem' is not a valid path (Nul character not allowed): check the path");
    assertThat(error("config vpn certificate ca\n  edit CA\n    set ca-file \"x\0.pem\"\n  next\n"
        + "end\n").format()).startsWith("<text>:3:17: 'x\\0.pem' is not a valid path");
    assertThat(error("config vpn certificate local\n  edit S\n    set pkcs12-file \"\0\"\n  next\n"
        + "end\n").format()).startsWith("<text>:3:21: '\\0' is not a valid path");
  }

  /** A pipe would block the reader until written to; a directory or device cannot be a file. */
  @Test
  void certificateFilesThatAreNotRegularFilesAreRefused() throws Exception {
    Path fifo = dir.resolve("pipe.pem");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo");
    for (String path : new String[] {"pipe.pem", "/dev/null", "."}) {
      org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
          () -> assertError("config vpn certificate local\n  edit S\n    set certificate-file \""
                  + path + "\"\n    set private-key-file \"k.key\"\n  next\nend\n",
              "3:26: '" + dir.resolve(path) + "' for local certificate 'S' is not a regular file"
                  + " (a directory, device or pipe): check the path"));
    }
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
        () -> assertThat(error("config vpn certificate ca\n  edit CA\n    set ca-file"
            + " \"pipe.pem\"\n  next\nend\n").format())
            .startsWith("<text>:3:17: the CA file '" + fifo + "' of CA certificate 'CA' is not a"
                + " regular file"));
  }

  @Test
  void conflictingAndMissingCertificateSources() {
    TestCertsWriter.plainServer(dir);
    assertError("config vpn certificate local\n  edit S\n    set pkcs12-file \"a.p12\"\n"
        + "    set certificate-file \"plain.pem\"\n  next\nend\n",
        "3:21: local certificate 'S': set either pkcs12-file or certificate/private-key (or"
            + " their -file keys), not both");
    assertError("config vpn certificate local\n  edit S\n    set comments \"x\"\n  next\nend\n",
        "2:8: local certificate 'S' has no certificate: set certificate and private-key (or"
            + " certificate-file and private-key-file, or pkcs12-file)");
    assertError("config vpn certificate ca\n  edit C\n  next\nend\n",
        "2:8: CA certificate 'C' needs exactly one of ca (inline PEM) and ca-file");
  }

  @Test
  void keyThatDoesNotMatch() {
    GeneratedCertificate a = TestCertsWriter.plainServer(dir);
    ConfigFixtures.write(dir.resolve("other.key"), TestCerts.leaf(TestCerts.ca("x"), "y").privateKeyPem());
    assertError("config vpn certificate local\n  edit S\n    set certificate-file \"plain.pem\"\n"
        + "    set private-key-file \"other.key\"\n  next\nend\n",
        "4:26: the private key of local certificate 'S' does not match its certificate"
            + " (" + a.certificate().getSubjectX500Principal().getName() + "): import the key that"
            + " belongs to this certificate, and put the certificate first in the chain");
  }

  @Test
  void expiredCertificateAgainstTheReadersClock() {
    TestCertsWriter.plainServer(dir);
    String text = "config vpn certificate local\n  edit S\n    set certificate-file \"plain.pem\"\n"
        + "    set private-key-file \"plain.key\"\n  next\nend\n";
    Clock nextYear = Clock.fixed(Instant.now().plus(Duration.ofDays(400)), ZoneOffset.UTC);
    assertThatThrownBy(() -> new FortiConfigReader(nextYear).readText(text, dir, "alg.conf"))
        .isInstanceOfSatisfying(FortiConfigException.class, e -> assertThat(e.format())
            .startsWith("alg.conf:4:26: local certificate 'S' has expired: certificate CN=plain"
                + " was valid until "));
    Clock lastYear = Clock.fixed(Instant.now().minus(Duration.ofDays(400)), ZoneOffset.UTC);
    assertThatThrownBy(() -> new FortiConfigReader(lastYear).readText(text, dir, "alg.conf"))
        .hasMessageStartingWith("alg.conf:4:26: local certificate 'S' is not yet valid");
  }

  @Test
  void invalidPeerSubject() {
    assertError("config user peer\n  edit p\n    set ca \"CA1\"\n    set subject \"just text\"\n"
        + "  next\nend\n", "4:17: peer 'p': subject \"just text\" is not a distinguished name:"
        + " write it like \"CN=phone1,O=Example\"");
  }

  @Test
  void remainingStatementShapes() {
    assertError("config\n", "1:1: expected a section after 'config', one of: system settings, vpn"
        + " certificate local, vpn certificate ca, user peer, user peergrp, voip profile");
    assertError("config voip profile\n  edit \"\"\n", "2:8: edit needs a non-empty name");
    assertError("config voip profile\n  edit p\n    set\n", "3:5: set needs an option name");
    assertError("config voip profile\n  edit p\n    config h323\n",
        "3:12: expected 'config sip' in a voip profile (config sccp and msrp are skipped)");
    assertError("config voip profile\n  edit p\n    set colour red\n",
        "3:9: unknown option 'colour' in a voip profile (the profile itself has only 'comment';"
            + " SIP options go under config sip)");
    assertError("config voip profile\n  edit p\n    config sccp\n      set status enable\n",
        "3:5: config sccp is not closed: add 'end'");
    assertError("config vpn certificate local\n  edit S\n    set comments a b\n",
        "3:20: comments takes one value but found 2: quote a value that contains spaces");
  }

  @Test
  void profileNameThatCannotBeBuilt() {
    assertError("config voip profile\n  edit \"\t\"\n  next\nend\n", "2:8: voip profile"
        + " '\t': voip profile name \"\t\" is empty or has control characters: give the profile a"
        + " printable name");
  }

  @Test
  void inlineAndFileGivenTogether() {
    TestCertsWriter.plainServer(dir);
    assertError("config vpn certificate ca\n  edit C\n    set ca \"x\"\n"
        + "    set ca-file \"plain-ca.pem\"\n  next\nend\n",
        "4:17: CA certificate 'C' needs exactly one of ca (inline PEM) and ca-file");
    assertError("config vpn certificate local\n  edit S\n    set certificate \"x\"\n"
        + "    set certificate-file \"plain.pem\"\n  next\nend\n",
        "4:26: local certificate 'S': set either certificate (inline PEM) or certificate-file,"
            + " not both");
    assertError("config vpn certificate local\n  edit S\n    set private-key \"x\"\n"
        + "    set private-key-file \"plain.key\"\n    set certificate-file \"plain.pem\"\n"
        + "  next\nend\n",
        "4:26: local certificate 'S': set either private-key (inline PEM) or private-key-file,"
            + " not both");
  }

  @Test
  void peerGroupWithoutMembers() {
    assertError("config user peergrp\n  edit g\n    set member p\n    unset member\n  next\n"
        + "end\n", "2:8: peer group 'g' has no members: set member \"PEER\" ...");
  }

  @Test
  void unparseableInlinePem() {
    assertError("config vpn certificate ca\n  edit C\n    set ca \"not pem\"\n  next\nend\n",
        "3:12: the certificate of CA certificate 'C' is not PEM: paste the whole -----BEGIN ..."
            + " -----END ... block");
  }
}
