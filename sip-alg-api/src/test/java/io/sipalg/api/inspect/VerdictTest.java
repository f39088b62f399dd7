package io.sipalg.api.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VerdictTest {
  @Test
  void forwardIsSharedSoTheCommonCaseAllocatesNothing() {
    assertThat(Verdict.forward()).isSameAs(Verdict.forward());
    assertThat(Verdict.forward().isForward()).isTrue();
    assertThat(Verdict.forward()).hasToString("forward");
  }

  @Test
  void respondCarriesStatusAndPhrase() {
    Verdict v = Verdict.respond(400, "Bad Request (malformed Via header)");
    assertThat(v.kind()).isEqualTo(Verdict.Kind.RESPOND);
    assertThat(v.statusCode()).isEqualTo(400);
    assertThat(v.reasonPhrase()).isEqualTo("Bad Request (malformed Via header)");
    assertThat(v).isEqualTo(Verdict.respond(400, "Bad Request (malformed Via header)"));
  }

  @Test
  void respondRefusesProvisionalAndSuccessStatuses() {
    assertThatThrownBy(() -> Verdict.respond(200, "OK"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("200");
    assertThatThrownBy(() -> Verdict.respond(100, "Trying")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Verdict.respond(700, "Nope")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void respondRefusesAReasonPhraseThatWouldInjectHeaders() {
    assertThatThrownBy(() -> Verdict.respond(403, "Forbidden\r\nX-Evil: 1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void dropAndCloseKeepTheirReason() {
    assertThat(Verdict.drop("block-invite").reason()).isEqualTo("block-invite");
    assertThat(Verdict.close("bye").kind()).isEqualTo(Verdict.Kind.CLOSE);
    assertThat(Verdict.drop("x")).hasToString("drop (x)");
  }
}
