package io.sipalg.api.session;

import java.util.Objects;
import java.util.Optional;

/**
 * A firewall opening the ALG asks the host to make for media or signalling: traffic to
 * {@code address:rtpPort} (and {@code rtcpPort}) belonging to a SIP dialog. sip-alg does not touch
 * packet filters or media itself; the host applies pinhole events to its firewall and media plane
 * (or ignores them).
 *
 * <p>Three optional facts refine the opening:
 *
 * <ul>
 *   <li>{@link #source()}: only traffic from this IP may use it ({@code strict-register}: the
 *       registrar; {@code hnt-restrict-source-ip}: the phone's observed address);
 *   <li>{@link #translatedAddress()} / {@link #translatedRtpPort()}: where the media arrives at the
 *       ALG's outside ({@code nat-port-range}): the SDP that left the ALG announced
 *       {@code translatedAddress:translatedRtpPort} (RTCP on {@link #translatedRtcpPort()}), and
 *       the host forwards what arrives there to {@code address:rtpPort} (RTCP to {@code rtcpPort});
 *       not translated when {@code translatedRtpPort} is 0;
 *   <li>{@link #ipsInspect()}: whether the host should pass this media through its intrusion
 *       prevention ({@code ips-rtp}); always false for signalling pinholes, whose traffic sip-alg
 *       inspects itself.
 * </ul>
 *
 * Build them with the factories and the {@code with...} methods, which read as sentences:
 *
 * <pre>{@code
 * Pinhole rtp = Pinhole.media("c1@10.0.0.5;from-tag=7", "udp", "10.0.0.5", 49170)  // RTCP 49171, IPS on
 *     .translatedTo("192.0.2.1", 5118)                                              // RTCP 5119
 *     .withSource("203.0.113.7");
 * Pinhole reg = Pinhole.signalling("register:r@10.0.0.5", "register-contact", "tcp", "10.0.0.5", 5061)
 *     .withSource("198.51.100.10");
 * }</pre>
 *
 * @param dialogId the dialog or registration it belongs to (Call-ID, and the tags once known)
 * @param origin what created it: {@code sdp}, {@code register-contact}, {@code contact},
 *     {@code via} or {@code record-route}
 * @param transport {@code udp} or {@code tcp}
 * @param address the destination host as the sender wrote it, before NAT (an IP literal, or a name
 *     as the message gave it)
 * @param rtpPort the media (or signalling) port, as the sender wrote it
 * @param rtcpPort RTCP port ({@code rtpPort + 1}, or the port of an RFC 3605 {@code a=rtcp:}
 *     attribute), or 0 for signalling pinholes
 * @param source the only source IP allowed to use the opening, or empty for any
 * @param translatedAddress the ALG's outside address the SDP announced instead of {@code address},
 *     present exactly when {@code translatedRtpPort} is not 0
 * @param translatedRtpPort the outside RTP port allocated from {@code nat-port-range}, 0 when the
 *     port was not translated
 * @param ipsInspect whether the host should hand this media to its IPS ({@code ips-rtp})
 */
public record Pinhole(
    String dialogId,
    String origin,
    String transport,
    String address,
    int rtpPort,
    int rtcpPort,
    Optional<String> source,
    Optional<String> translatedAddress,
    int translatedRtpPort,
    boolean ipsInspect) {

  /** What happened to a pinhole. */
  public enum Change {
    /** Newly opened. */
    OPEN,
    /** A later SDP moved it to another address or port (or changed its translation or source). */
    UPDATE,
    /** The dialog ended or expired. */
    CLOSE
  }

  /**
   * Checks the components.
   *
   * @throws IllegalArgumentException for a port outside 0-65535, an empty source, or a translated
   *     address without a translated port (or the other way round)
   */
  public Pinhole {
    Objects.requireNonNull(dialogId, "dialogId");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(translatedAddress, "translatedAddress");
    checkPort(rtpPort);
    checkPort(rtcpPort);
    checkPort(translatedRtpPort);
    if (source.isPresent() && source.get().isEmpty()) {
      throw new IllegalArgumentException("source must be an address, or absent");
    }
    if (translatedAddress.isPresent() != (translatedRtpPort != 0)) {
      throw new IllegalArgumentException("a translated address needs a translated port and the "
          + "other way round: " + translatedAddress + "/" + translatedRtpPort);
    }
  }

  /**
   * Component-wise, as a record's equals, with the numbers first: an inspector compares every
   * refreshed pinhole with the one it holds (a REGISTER refresh, a re-INVITE), and the two are
   * nearly always equal, so each string is compared in full; the generated equals is slower at it.
   *
   * @param o another object
   * @return whether {@code o} is a pinhole with equal components
   */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof Pinhole p && rtpPort == p.rtpPort && rtcpPort == p.rtcpPort
        && translatedRtpPort == p.translatedRtpPort && ipsInspect == p.ipsInspect
        && address.equals(p.address) && dialogId.equals(p.dialogId) && origin.equals(p.origin)
        && transport.equals(p.transport) && source.equals(p.source)
        && translatedAddress.equals(p.translatedAddress);
  }

  /**
   * Consistent with {@link #equals}.
   *
   * @return the hash of the components
   */
  @Override
  public int hashCode() {
    int h = dialogId.hashCode();
    h = 31 * h + origin.hashCode();
    h = 31 * h + transport.hashCode();
    h = 31 * h + address.hashCode();
    h = 31 * h + rtpPort;
    h = 31 * h + rtcpPort;
    h = 31 * h + source.hashCode();
    h = 31 * h + translatedAddress.hashCode();
    h = 31 * h + translatedRtpPort;
    return 31 * h + Boolean.hashCode(ipsInspect); // no boxing: pinholes are map values per call
  }

  private static void checkPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /**
   * A media pinhole from SDP (origin {@code sdp}): RTP to {@code address:rtpPort}, RTCP on the next
   * port (none for port 65535), no source restriction, not translated, IPS inspection on (the
   * FortiOS {@code ips-rtp} default).
   *
   * @param dialogId the dialog
   * @param transport {@code udp} or {@code tcp}
   * @param address the media address as the SDP gave it
   * @param rtpPort the media port as the SDP gave it
   * @return the pinhole
   */
  public static Pinhole media(String dialogId, String transport, String address, int rtpPort) {
    return new Pinhole(dialogId, "sdp", transport, address, rtpPort,
        rtpPort > 0 && rtpPort < 65535 ? rtpPort + 1 : 0, Optional.empty(), Optional.empty(), 0, true);
  }

  /**
   * A signalling pinhole ({@code register-contact}, {@code contact}, {@code via},
   * {@code record-route}): one port, no RTCP, no source restriction, not translated, no IPS
   * hand-off.
   *
   * @param dialogId the dialog or registration
   * @param origin what created it
   * @param transport {@code udp} or {@code tcp}
   * @param address the destination host
   * @param port the destination port
   * @return the pinhole
   */
  public static Pinhole signalling(
      String dialogId, String origin, String transport, String address, int port) {
    return new Pinhole(dialogId, origin, transport, address, port, 0, Optional.empty(),
        Optional.empty(), 0, false);
  }

  /**
   * This pinhole restricted to one source IP.
   *
   * @param sourceIp the only address allowed to use it
   * @return a copy with the restriction
   */
  public Pinhole withSource(String sourceIp) {
    return new Pinhole(dialogId, origin, transport, address, rtpPort, rtcpPort,
        Optional.of(sourceIp), translatedAddress, translatedRtpPort, ipsInspect);
  }

  /**
   * This pinhole reached through the ALG's outside {@code outsideAddress:outsideRtpPort} (RTCP on
   * the next port).
   *
   * @param outsideAddress the address the SDP announced
   * @param outsideRtpPort the port the SDP announced, 1-65535
   * @return a copy with the translation
   */
  public Pinhole translatedTo(String outsideAddress, int outsideRtpPort) {
    if (outsideRtpPort == 0) {
      throw new IllegalArgumentException("a translated port cannot be 0");
    }
    return new Pinhole(dialogId, origin, transport, address, rtpPort, rtcpPort, source,
        Optional.of(outsideAddress), outsideRtpPort, ipsInspect);
  }

  /**
   * This pinhole with another RTCP port, e.g. from an RFC 3605 {@code a=rtcp:} attribute.
   *
   * @param port the RTCP port, or 0 for none
   * @return a copy with the port
   */
  public Pinhole withRtcpPort(int port) {
    return new Pinhole(dialogId, origin, transport, address, rtpPort, port, source,
        translatedAddress, translatedRtpPort, ipsInspect);
  }

  /**
   * This pinhole with IPS hand-off on or off ({@code ips-rtp}).
   *
   * @param inspect whether the host should pass the media through its IPS
   * @return a copy with the flag
   */
  public Pinhole withIpsInspect(boolean inspect) {
    return new Pinhole(dialogId, origin, transport, address, rtpPort, rtcpPort, source,
        translatedAddress, translatedRtpPort, inspect);
  }

  /** Whether the media port was translated ({@code nat-port-range}). */
  public boolean isTranslated() {
    return translatedRtpPort != 0;
  }

  /**
   * The outside RTCP port: {@code translatedRtpPort + 1} when translated and RTCP applies, else 0.
   *
   * @return the translated RTCP port or 0
   */
  public int translatedRtcpPort() {
    return isTranslated() && rtcpPort != 0 && translatedRtpPort < 65535 ? translatedRtpPort + 1 : 0;
  }
}
