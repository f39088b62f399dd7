package io.sipalg.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipalg.api.VoipProfile;
import io.sipalg.api.inspect.SipInspector;
import io.sipalg.api.session.AlgEvent;
import io.sipalg.api.session.Pinhole;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Sessions on several threads and housekeeping on another: every pinhole closes exactly once and
 * every media port goes back.
 */
class ConcurrencyTest {
  @Test
  void sessionsAndHousekeepingRaceWithoutLosingOrDoublingCloses() throws Exception {
    List<AlgEvent> housekept = Collections.synchronizedList(new ArrayList<>());
    Harness harness = new Harness(InspectorServices.builder().housekeepingListener(housekept::add));
    VoipProfile profile = Harness.profile().maxDialogs(1000).build();
    SipInspector chain = harness.chain(profile);
    AtomicBoolean done = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    List<FakeContext> sessions = List.of(new FakeContext("a", profile), new FakeContext("b", profile));
    List<Future<?>> calls = new ArrayList<>();
    for (FakeContext ctx : sessions) {
      calls.add(pool.submit(() -> {
        for (int i = 0; i < 150; i++) {
          String id = ctx.sessionId() + i;
          ctx.phoneToServer();
          Sip.run(chain, ctx, Sip.invite(id + "@10.0.0.5"));
          ctx.serverToPhone();
          Sip.run(chain, ctx, Sip.inviteResponse(id + "@192.0.2.1", "183 Session Progress", true));
          if (i % 2 == 0) {
            Sip.run(chain, ctx, Sip.inviteResponse(id + "@192.0.2.1", "486 Busy Here", false));
          }
        }
        return null;
      }));
    }
    Future<?> keeper = pool.submit(() -> {
      while (!done.get()) {
        harness.services.housekeeping(Long.MAX_VALUE / 2); // everything unanswered is overdue
      }
      return null;
    });
    for (Future<?> f : calls) {
      f.get(60, TimeUnit.SECONDS);
    }
    done.set(true);
    keeper.get(60, TimeUnit.SECONDS);
    pool.shutdown();
    harness.services.housekeeping(Long.MAX_VALUE / 2);

    assertThat(harness.services.activeDialogs("default")).isZero();
    assertThat(harness.services.mediaPortPairsInUse()).isZero(); // nat-port-range pairs all returned
    List<Pinhole> opened = new ArrayList<>();
    List<Pinhole> closed = new ArrayList<>();
    for (FakeContext ctx : sessions) {
      opened.addAll(ctx.pinholes(Pinhole.Change.OPEN));
      closed.addAll(ctx.pinholes(Pinhole.Change.CLOSE));
    }
    synchronized (housekept) {
      for (AlgEvent e : housekept) {
        closed.add(((AlgEvent.PinholeChanged) e).pinhole());
      }
    }
    assertThat(opened).isNotEmpty(); // how many depends on the race: a dialog may expire before its 183
    assertThat(closed).containsExactlyInAnyOrderElementsOf(opened);
  }
}
