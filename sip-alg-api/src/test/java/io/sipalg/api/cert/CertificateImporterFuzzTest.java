package io.sipalg.api.cert;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * Coverage-guided fuzzing of the certificate importer: whatever PEM text or PKCS#12 bytes a
 * configuration or a host hands it, the only outcomes allowed are a certificate or a
 * {@link CertificateStoreException} naming the entry (never another exception). A normal build
 * replays the seeds in {@code src/test/resources/io/sipalg/api/cert/CertificateImporterFuzzTestInputs/}
 * (real keys and certificates in each format the importer reads); {@code JAZZER_FUZZ=1} fuzzes
 * for real (see the module README).
 */
class CertificateImporterFuzzTest {
  /** Inside the seeds' validity (2026-11-26 .. 2126): expiry is not what is fuzzed. */
  private static final CertificateImporter IMPORTER = new CertificateImporter(
      Clock.fixed(Instant.parse("2027-06-01T12:00:00Z"), ZoneOffset.UTC));

  /**
   * Input: one byte n, a password of n % 16 bytes (none: not encrypted), the certificate PEM, a
   * NUL byte, the key PEM (none without the NUL: the key is in the certificate text).
   */
  @FuzzTest(maxDuration = "30s")
  void importPem(byte[] input) {
    Parts in = Parts.of(input);
    try {
      LocalCertificate c = IMPORTER.importPem("x", in.first(), in.second(),
          in.password() == null ? null : in.password().toCharArray(), "");
      assertThat(c.chain()).isNotEmpty();
    } catch (CertificateStoreException expected) {
      assertThat(expected.entryName()).isEqualTo("x");
    }
    try {
      assertThat(IMPORTER.importCa("ca", in.first()).certificate()).isNotNull();
    } catch (CertificateStoreException expected) {
      assertThat(expected.entryName()).isEqualTo("ca");
    }
  }

  /** Input: one byte n, a password of n % 16 bytes, the PKCS#12 bytes. */
  @FuzzTest(maxDuration = "30s")
  void importPkcs12(byte[] input) {
    int n = input.length == 0 ? 0 : Math.min((input[0] & 0xff) % 16, input.length - 1);
    String password = new String(input, Math.min(1, input.length), n, StandardCharsets.UTF_8);
    byte[] pkcs12 = Arrays.copyOfRange(input, Math.min(1 + n, input.length), input.length);
    try {
      assertThat(IMPORTER.importPkcs12("x", pkcs12, password.toCharArray(), "").chain())
          .isNotEmpty();
    } catch (CertificateStoreException expected) {
      assertThat(expected.entryName()).isEqualTo("x");
    }
  }

  /** The parts of an importPem input. */
  private record Parts(String password, String first, String second) {
    static Parts of(byte[] input) {
      int n = input.length == 0 ? 0 : Math.min((input[0] & 0xff) % 16, input.length - 1);
      int from = Math.min(1 + n, input.length);
      String password = n == 0 ? null : new String(input, 1, n, StandardCharsets.UTF_8);
      String rest = new String(input, from, input.length - from, StandardCharsets.UTF_8);
      int nul = rest.indexOf('\0');
      return nul < 0 ? new Parts(password, rest, null)
          : new Parts(password, rest.substring(0, nul), rest.substring(nul + 1));
    }
  }
}
