package io.sipalg.examples.demo;

import io.sipalg.api.cert.CertificateStore;
import io.sipalg.api.session.AlgEvent;
import io.sipalg.examples.runner.AlgRunner;
import io.sipalg.examples.runner.Counters;
import io.sipalg.inspect.InspectorServices;
import io.sipalg.inspect.StandardInspectors;
import io.sipalg.tls.AlgConfigurationException;
import io.sipalg.tls.SipAlg;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code sip-alg demo}: the seed's sequence, for real, on loopback. Generates a throwaway PKI,
 * starts a TLS registrar, puts sip-alg (the reference {@link AlgRunner} with the standard
 * inspectors) in front of it, and lets a TLS phone register and make a call through it (REGISTER →
 * 200; INVITE with SDP → 100/180/200; ACK; BYE → 200). Every step is printed as it happens, from
 * sip-alg's session events and from the phone and registrar themselves.
 *
 * <pre>{@code
 * int exit = new DemoScript(out, err).run();   // 0: registered, call completed, session closed cleanly
 * }</pre>
 *
 * <p>Bounded: every wait has {@link #TIMEOUT}; all sockets are on 127.0.0.1 with ephemeral ports;
 * the runner's loops and the registrar's thread are stopped before {@link #run} returns.
 */
public final class DemoScript {
  /** The longest the demo waits for any one step. */
  public static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static final String ACTOR = "sip-alg";

  private final PrintWriter out;
  private final PrintWriter err;
  private final Consumer<CertificateStore> storeChanges;

  /**
   * A demo writing its sequence to {@code out} and a failure's explanation to {@code err}.
   *
   * @param out where the sequence and the summary go
   * @param err where a failure is explained
   */
  public DemoScript(PrintWriter out, PrintWriter err) {
    this(out, err, store -> {});
  }

  /** A demo whose certificate store is changed before the ALG is built (tests break it on purpose). */
  DemoScript(PrintWriter out, PrintWriter err, Consumer<CertificateStore> storeChanges) {
    this.out = out;
    this.err = err;
    this.storeChanges = storeChanges;
  }

  /**
   * Runs the demo once.
   *
   * @return 0 when the REGISTER got 200, the call was answered and ended with 200, and sip-alg
   *     closed the session cleanly; 1 otherwise (the reason is printed to {@code err})
   */
  public int run() {
    DemoPrinter printer = new DemoPrinter(out);
    DemoPacing pacing = new DemoPacing(TIMEOUT);
    DemoPki pki = DemoPki.generate();
    InetAddress loopback = InetAddress.getLoopbackAddress();
    DemoRegistrar registrar = null;
    AlgRunner runner = null;
    try {
      // The ALG first: building it prepares the JVM's JSSE settings, which must happen before the
      // phone's and the registrar's JDK contexts initialise SunJSSE.
      DemoNarrator narrator = new DemoNarrator(printer, pacing);
      InspectorServices services = InspectorServices.create();
      CertificateStore certificates = DemoAlgConfig.certificates(pki);
      storeChanges.accept(certificates);
      SipAlg alg = SipAlg.builder()
          .profile(DemoAlgConfig.profile())
          .certificates(certificates)
          .inspectors(profile -> StandardInspectors.from(profile, services))
          .listener(narrator)
          .build();
      registrar = DemoRegistrar.start(pki.context(pki.registrar), printer, pacing);
      runner = AlgRunner.start(new AnnouncingSessions(alg, printer, pacing), DemoAlgConfig.PROFILE,
          new InetSocketAddress(loopback, 0), registrar.address(), 1);
      introduce(printer, pki, registrar.address(), runner.listenAddress());

      DemoPhone.Result phone = new DemoPhone(pki.context(pki.phone), printer, pacing).run(runner.listenAddress());
      boolean closedInTime = pacing.awaitSessionClosed();
      boolean drained = runner.drain(TIMEOUT);
      runner = null;
      registrar.close();
      List<String> failures = failures(phone, closedInTime, narrator, registrar);
      if (!drained) {
        failures.add("sip-alg still had connections open after " + TIMEOUT.toSeconds() + " s");
      }
      printer.line("");
      printer.line("counters: " + Counters.line(alg.statistics()));
      if (failures.isEmpty()) {
        printer.line("demo OK: alice registered and called bob through sip-alg; both legs TLS, every"
            + " message decrypted, inspected, re-encrypted and forwarded");
        return 0;
      }
      return fail(failures);
    } catch (AlgConfigurationException e) {
      return fail(List.of("sip-alg refused the demo configuration: " + e.getMessage()));
    } catch (IOException e) {
      return fail(List.of("cannot listen on 127.0.0.1: " + e.getMessage()));
    } finally {
      if (runner != null) {
        runner.drain(Duration.ofSeconds(1));
      }
      if (registrar != null) {
        registrar.close();
      }
    }
  }

  private static void introduce(
      DemoPrinter printer, DemoPki pki, InetSocketAddress registrar, InetSocketAddress alg) {
    printer.line("sip-alg demo: a phone, sip-alg and a SIP registrar on 127.0.0.1, every hop TLS,"
        + " certificates from a throwaway CA generated just now");
    printer.line("  registrar  " + DemoRegistrar.hostPort(registrar) + "  " + DemoPki.SERVER_NAME
        + ", certificate " + pki.registrar.subject() + ", requires a client certificate");
    printer.line("  sip-alg    " + DemoRegistrar.hostPort(alg) + "  profile \"" + DemoAlgConfig.PROFILE
        + "\": ssl-mode full, presents " + pki.algServer.subject() + " to phones and "
        + pki.algClient.subject() + " to the registrar, verifies both, hosted-nat-traversal");
    printer.line("  phone      alice at " + DemoPhone.PRIVATE_IP + " (behind a NAT), certificate "
        + pki.phone.subject() + ", believes " + DemoRegistrar.hostPort(alg) + " is " + DemoPki.SERVER_NAME);
    printer.line("");
  }

  private static List<String> failures(
      DemoPhone.Result phone, boolean closedInTime, DemoNarrator narrator, DemoRegistrar registrar) {
    List<String> failures = new ArrayList<>();
    phone.failure().ifPresent(f -> failures.add("phone: " + f));
    if (phone.failure().isEmpty() && !phone.ok()) {
      failures.add("phone: the script did not complete");
    }
    narrator.problems().forEach(p -> failures.add(ACTOR + ": " + p));
    Optional<AlgEvent.SessionClosed> closed = narrator.closed();
    if (!closedInTime || closed.isEmpty()) {
      failures.add(ACTOR + ": the session did not close within " + TIMEOUT.toSeconds() + " s");
    } else if (!closed.get().reason().isClean()) {
      failures.add(ACTOR + ": the session ended badly: " + closed.get().reason());
    }
    registrar.problems().forEach(p -> failures.add("registrar: " + p));
    return failures;
  }

  private int fail(List<String> failures) {
    err.println("sip-alg demo FAILED:");
    failures.forEach(f -> err.println("  " + f));
    err.flush();
    out.flush();
    return 1;
  }
}
