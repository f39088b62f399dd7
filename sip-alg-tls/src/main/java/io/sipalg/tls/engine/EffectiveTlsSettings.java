package io.sipalg.tls.engine;

import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * The protocols and cipher suites one leg actually enables, in preference order, with notes on
 * where the profile could not be honoured literally (reported with the handshake event).
 *
 * @param provider the JSSE provider the settings were computed for
 * @param protocols JSSE protocol names, lowest first
 * @param cipherSuites enabled suites, most preferred first
 * @param notes human-readable remarks, e.g. {@code ssl-algorithm low = medium}
 */
public record EffectiveTlsSettings(
    JsseProvider provider, List<String> protocols, List<String> cipherSuites, List<String> notes) {
  /** Copies the lists. */
  public EffectiveTlsSettings {
    protocols = List.copyOf(protocols);
    cipherSuites = List.copyOf(cipherSuites);
    notes = List.copyOf(notes);
  }

  /**
   * The same settings with one more note, e.g. the renegotiation guard's
   * {@link RenegotiationGuard#effectiveNote()}.
   */
  public EffectiveTlsSettings withNote(String note) {
    List<String> more = new java.util.ArrayList<>(notes);
    more.add(note);
    return new EffectiveTlsSettings(provider, protocols, cipherSuites, more);
  }

  /**
   * Applies protocols, suites and server cipher order to {@code engine}, keeping its other
   * parameters (client auth, SNI, endpoint identification).
   */
  public void applyTo(SSLEngine engine) {
    SSLParameters params = engine.getSSLParameters();
    params.setProtocols(protocols.toArray(String[]::new));
    params.setCipherSuites(cipherSuites.toArray(String[]::new));
    params.setUseCipherSuitesOrder(true);
    engine.setSSLParameters(params);
  }
}
