package io.sipalg.examples.demo;

import java.io.PrintWriter;
import java.util.List;

/**
 * The demo's one output channel. The phone, the registrar and the ALG's event loop print from
 * their own threads; every line goes through this synchronized printer, so a step and its detail
 * lines are never split by another thread's line, and steps are numbered in the order they were
 * printed.
 */
final class DemoPrinter {
  private static final String DETAIL_INDENT = "      ";

  private final PrintWriter out;
  private int steps;

  DemoPrinter(PrintWriter out) {
    this.out = out;
  }

  /** An unnumbered line (set-up and summary). */
  synchronized void line(String text) {
    out.println(text);
    out.flush();
  }

  /** A numbered step, {@code [n] actor: text}. */
  synchronized void step(String actor, String text) {
    step(actor, text, List.of());
  }

  /** A numbered step followed by indented detail lines (e.g. what the inspectors did). */
  synchronized void step(String actor, String text, List<String> details) {
    steps++;
    out.println("[" + steps + "] " + actor + ": " + text);
    for (String detail : details) {
      out.println(DETAIL_INDENT + detail);
    }
    out.flush();
  }
}
