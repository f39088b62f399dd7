/**
 * Load-and-soak peers for {@code examples/soak/soak.sh}: {@link io.sipalg.examples.soak.SoakMain}
 * starts an NIO TLS registrar ({@code SoakRegistrar}) or an NIO TLS phone fleet ({@code
 * PhoneFleet}, one {@code FleetShard} per selector thread). Both drive one {@code SSLEngine} per
 * connection ({@code TlsConnection}) on shared per-loop buffers ({@code SoakLoop}), frame SIP with
 * the parser's {@code SipFramer} and load their certificates from {@code examples/e2e/make-certs.sh}
 * output ({@code SoakPki}). Everything stays on loopback.
 */
package io.sipalg.examples.soak;
