package io.sipalg.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipalg.api.RateTrack;
import io.sipalg.api.SipMethodOption;
import io.sipalg.api.VoipProfile;
import io.sipalg.api.inspect.SipInspector;
import io.sipalg.api.inspect.Verdict;
import io.sipalg.api.session.SessionAddresses;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RateLimitTest {
  private final Harness harness = new Harness();

  private static String requestFor(SipMethodOption m) {
    return Sip.request(m.sipMethod());
  }

  @ParameterizedTest
  @EnumSource(SipMethodOption.class)
  void everyMethodRateDropsTheExcessSilently(SipMethodOption method) {
    VoipProfile profile = Harness.profile().rate(method, 2).build();
    FakeContext ctx = new FakeContext(profile);
    SipInspector chain = harness.chain(profile);

    assertThat(Sip.run(chain, ctx, requestFor(method)).verdict().kind()).isNotEqualTo(Verdict.Kind.DROP);
    assertThat(Sip.run(chain, ctx, requestFor(method)).verdict().kind()).isNotEqualTo(Verdict.Kind.DROP);
    Sip.Run third = Sip.run(chain, ctx, requestFor(method));

    assertThat(third.verdict().kind()).isEqualTo(Verdict.Kind.DROP);
    assertThat(ctx.violations).filteredOn(v -> v.option().equals(method.fortiOsName() + "-rate"))
        .singleElement().satisfies(v -> assertThat(v.action()).isEqualTo("drop"));
  }

  @Test
  void refillsWithTheInjectedClock() {
    VoipProfile profile = Harness.profile().rate(SipMethodOption.MESSAGE, 1).build();
    FakeContext ctx = new FakeContext(profile);
    SipInspector chain = harness.chain(profile);
    assertThat(Sip.run(chain, ctx, requestFor(SipMethodOption.MESSAGE)).verdict()).isEqualTo(Verdict.forward());
    assertThat(Sip.run(chain, ctx, requestFor(SipMethodOption.MESSAGE)).verdict().kind()).isEqualTo(Verdict.Kind.DROP);
    ctx.advanceNanos(1_000_000_000L);
    assertThat(Sip.run(chain, ctx, requestFor(SipMethodOption.MESSAGE)).verdict()).isEqualTo(Verdict.forward());
  }

  @Test
  void aBlockedMethodIsNotCountedAgainstItsRate() {
    VoipProfile blocked = Harness.profile().block(SipMethodOption.MESSAGE, true)
        .rate(SipMethodOption.MESSAGE, 1).build();
    FakeContext ctx = new FakeContext(blocked);
    SipInspector chain = harness.chain(blocked);
    for (int i = 0; i < 5; i++) {
      Sip.run(chain, ctx, requestFor(SipMethodOption.MESSAGE));
    }
    assertThat(ctx.options()).containsOnly("block-message").hasSize(5);
    assertThat(harness.services.rateLimitKeys()).isZero();

    // the same profile with the method unblocked: the bucket is untouched, the first request passes
    VoipProfile unblocked = blocked.toBuilder().block(SipMethodOption.MESSAGE, false).build();
    FakeContext ctx2 = new FakeContext(unblocked);
    assertThat(Sip.run(harness.chain(unblocked), ctx2, requestFor(SipMethodOption.MESSAGE)).verdict())
        .isEqualTo(Verdict.forward());
  }

  @Test
  void trackNoneSharesOneBucketAcrossSessions() {
    VoipProfile profile = Harness.profile().rate(SipMethodOption.OPTIONS, 1).build();
    SipInspector chain = harness.chain(profile);
    FakeContext a = new FakeContext("a", profile);
    FakeContext b = new FakeContext("b", profile);
    b.addresses = SessionAddresses.accepted(new InetSocketAddress("10.0.0.99", 1), FakeContext.ALG_INSIDE);
    assertThat(Sip.run(chain, a, requestFor(SipMethodOption.OPTIONS)).verdict()).isEqualTo(Verdict.forward());
    assertThat(Sip.run(chain, b, requestFor(SipMethodOption.OPTIONS)).verdict().kind()).isEqualTo(Verdict.Kind.DROP);
  }

  @Test
  void trackSrcIpCountsPerSourceAddress() {
    VoipProfile profile = Harness.profile().rate(SipMethodOption.REGISTER, 1)
        .rateTrack(SipMethodOption.REGISTER, RateTrack.SRC_IP).build();
    SipInspector chain = harness.chain(profile);
    FakeContext a = new FakeContext("a", profile);
    FakeContext a2 = new FakeContext("a2", profile); // same phone IP, another connection
    FakeContext b = new FakeContext("b", profile);
    b.addresses = SessionAddresses.accepted(new InetSocketAddress("10.0.0.99", 1), FakeContext.ALG_INSIDE)
        .withServerSide(FakeContext.ALG_OUTSIDE, FakeContext.SERVER);

    assertThat(Sip.run(chain, a, requestFor(SipMethodOption.REGISTER)).verdict()).isEqualTo(Verdict.forward());
    assertThat(Sip.run(chain, b, requestFor(SipMethodOption.REGISTER)).verdict()).isEqualTo(Verdict.forward());
    assertThat(Sip.run(chain, a2, requestFor(SipMethodOption.REGISTER)).verdict().kind()).isEqualTo(Verdict.Kind.DROP);
    assertThat(a2.violations).singleElement().satisfies(v ->
        assertThat(v.detail()).contains("src-ip 10.0.0.5"));
  }

  @Test
  void trackDestIpCountsPerDestinationAddress() {
    VoipProfile profile = Harness.profile().rate(SipMethodOption.INVITE, 1)
        .rateTrack(SipMethodOption.INVITE, RateTrack.DEST_IP).build();
    SipInspector chain = harness.chain(profile);
    FakeContext a = new FakeContext("a", profile);
    FakeContext b = new FakeContext("b", profile); // another phone, same server
    b.addresses = SessionAddresses.accepted(new InetSocketAddress("10.0.0.99", 1), FakeContext.ALG_INSIDE)
        .withServerSide(FakeContext.ALG_OUTSIDE, FakeContext.SERVER);
    FakeContext c = new FakeContext("c", profile); // another server
    c.addresses = SessionAddresses.accepted(FakeContext.PHONE, FakeContext.ALG_INSIDE)
        .withServerSide(FakeContext.ALG_OUTSIDE, new InetSocketAddress("203.0.113.50", 5061));

    assertThat(Sip.run(chain, a, Sip.invite("1@x")).verdict()).isEqualTo(Verdict.forward());
    assertThat(Sip.run(chain, b, Sip.invite("2@x")).verdict().kind()).isEqualTo(Verdict.Kind.DROP);
    assertThat(b.violations).singleElement().satisfies(v ->
        assertThat(v.detail()).contains("dest-ip 198.51.100.10"));
    assertThat(Sip.run(chain, c, Sip.invite("3@x")).verdict()).isEqualTo(Verdict.forward());
  }

  @Test
  void serverToPhoneRequestsSwapSourceAndDestination() {
    FakeContext ctx = new FakeContext(VoipProfile.defaults()).serverToPhone();
    assertThat(RateLimitInspector.scope(RateTrack.SRC_IP, ctx)).isEqualTo("198.51.100.10");
    assertThat(RateLimitInspector.scope(RateTrack.DEST_IP, ctx)).isEqualTo("10.0.0.5");
    ctx.addresses = SessionAddresses.accepted(FakeContext.PHONE, FakeContext.ALG_INSIDE);
    assertThat(RateLimitInspector.scope(RateTrack.SRC_IP, ctx)).isEqualTo("10.0.0.1");
  }

  @Test
  void keysAreCappedAndOverflowSharesOneBucket() {
    RateLimiter limiter = new RateLimiter(3, 10_000_000_000L);
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.tryAcquire("p", SipMethodOption.INVITE, 1, "10.0.0." + i, 0)).isTrue();
    }
    assertThat(limiter.tryAcquire("p", SipMethodOption.INVITE, 1, "10.0.1.1", 0)).isTrue();
    assertThat(limiter.tryAcquire("p", SipMethodOption.INVITE, 1, "10.0.1.2", 0)).isFalse();
    assertThat(limiter.size()).isEqualTo(4); // three keys plus the overflow bucket
  }

  @Test
  void idleKeysExpireLazilyAndByHousekeeping() {
    Harness h = new Harness(InspectorServices.builder().rateKeyIdle(Duration.ofSeconds(2)));
    VoipProfile profile = Harness.profile().rate(SipMethodOption.MESSAGE, 5)
        .rateTrack(SipMethodOption.MESSAGE, RateTrack.SRC_IP).build();
    SipInspector chain = h.chain(profile);
    FakeContext ctx = new FakeContext(profile);
    Sip.run(chain, ctx, requestFor(SipMethodOption.MESSAGE));
    assertThat(h.services.rateLimitKeys()).isEqualTo(1);
    h.services.housekeeping(ctx.nanoTime() + 1_000_000_000L);
    assertThat(h.services.rateLimitKeys()).isEqualTo(1);
    h.services.housekeeping(ctx.nanoTime() + 2_000_000_000L);
    assertThat(h.services.rateLimitKeys()).isZero();
  }

  @Test
  void bucketsAreThreadSafe() throws Exception {
    RateLimiter limiter = new RateLimiter(100, 10_000_000_000L);
    AtomicInteger allowed = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      futures.add(pool.submit(() -> {
        start.await();
        for (int i = 0; i < 500; i++) {
          if (limiter.tryAcquire("p", SipMethodOption.INVITE, 1000, "", 0)) {
            allowed.incrementAndGet();
          }
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : futures) {
      f.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(allowed.get()).isEqualTo(1000);
  }
}
