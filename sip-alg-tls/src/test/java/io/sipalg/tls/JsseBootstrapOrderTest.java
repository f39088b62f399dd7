package io.sipalg.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** JSSE's global settings must suit every profile of an ALG, not just the first one built. */
class JsseBootstrapOrderTest {
  @Test
  void theLowestMinimumOfAllProfilesIsEnabledBeforeAnyContextIsMade() throws Exception {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    for (int run = 0; run < 2; run++) { // profile order differs per JVM (Map.copyOf is salted)
      Process process =
          new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                  MixedProfilesProbe.class.getName())
              .redirectErrorStream(true)
              .start();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(output).contains("PROTOCOLS [").contains("TLSv1.1");
    }
  }
}
