package io.sipalg.inspect;

import io.sipalg.api.inspect.InspectionContext;

/**
 * The outside mapping of one message for NAT: the phone's address, the ALG's outside address, and
 * the notes NAT writes (formatted only when the host has notes on).
 */
final class NatMapping {
  final String insideIp;
  final String outsideHost;
  final String outsideIp;
  final String outsideSdpType;
  final int outsidePort;
  final InspectionContext context;
  private final boolean hostedNatTraversal;

  /**
   * @param hostedNatTraversal {@code hosted-nat-traversal}: every private address literal
   *     counts as the phone's, not only the phone's own address
   */
  NatMapping(InspectionContext context, SessionState.AddressTexts texts,
      boolean hostedNatTraversal) {
    this.context = context;
    this.hostedNatTraversal = hostedNatTraversal;
    this.insideIp = texts.insideIp();
    this.outsideHost = texts.outsideHost();
    this.outsideIp = texts.outsideIp();
    this.outsideSdpType = texts.outsideSdpType();
    this.outsidePort = texts.outside().getPort();
  }

  boolean isInside(String host) {
    return host != null && (Net.sameHost(host, insideIp)
        || (hostedNatTraversal && Net.isPrivateLiteral(host)));
  }

  boolean isOutside(String host) {
    return host != null && Net.sameHost(host, outsideIp);
  }

  int port(int original) {
    return original >= 0 ? outsidePort : -1;
  }

  void note(String what, String from, String to) {
    if (context.notesEnabled()) {
      context.note("nat: " + what + " " + from + " -> " + to);
    }
  }

  /** A note whose new host:port is only formatted when notes are on (most hosts keep them off). */
  void note(String what, String from, String toHost, int toPort) {
    if (context.notesEnabled()) {
      note(what, from, Net.hostPort(toHost, toPort));
    }
  }

  /** A note whose old host:port is only formatted when notes are on. */
  void note(String what, String fromHost, int fromPort, String to) {
    if (context.notesEnabled()) {
      note(what, Net.hostPort(fromHost, fromPort), to);
    }
  }
}
