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

  @Test
  void respondCarriesExtraHeadersImmutably() {
    Verdict plain = Verdict.respond(503, "Service Unavailable");
    Verdict retry = plain.withHeader("Retry-After", "30").withHeader("Warning", "399 sip-alg \"max-dialogs\"");
    assertThat(plain.headers()).isEmpty();
    assertThat(retry.headers()).containsExactly(new Verdict.Header("Retry-After", "30"),
        new Verdict.Header("Warning", "399 sip-alg \"max-dialogs\""));
    assertThat(retry).isNotEqualTo(plain)
        .isEqualTo(Verdict.respond(503, "Service Unavailable").withHeader("Retry-After", "30")
            .withHeader("Warning", "399 sip-alg \"max-dialogs\""));
    assertThat(retry.statusCode()).isEqualTo(503);
    assertThat(plain.withHeader("Retry-After", "30"))
        .hasToString("respond (503 Service Unavailable; Retry-After: 30)");
    assertThatThrownBy(() -> retry.headers().add(new Verdict.Header("X", "1")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void responseHeadersAreValidated() {
    Verdict v = Verdict.respond(503, "Service Unavailable");
    assertThatThrownBy(() -> v.withHeader("Retry After", "30")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> v.withHeader("", "30")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> v.withHeader("Retry-After:", "30")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> v.withHeader("Retry-After", "30\r\nX-Evil: 1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> v.withHeader("Retry-After", "30\nX-Evil: 1"))
        .isInstanceOf(IllegalArgumentException.class);
    for (String reserved : new String[] {"Via", "v", "call-id", "i", "CSeq", "Content-Length", "l", "To"}) {
      assertThatThrownBy(() -> v.withHeader(reserved, "x")).as(reserved)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> Verdict.drop("x").withHeader("Retry-After", "30"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Verdict.forward().withHeader("Retry-After", "30"))
        .isInstanceOf(IllegalStateException.class);
  }
}
