/**
 * Internal TLS building blocks of the ALG core: one {@link io.sipalg.tls.engine.TlsLeg} per
 * SSLEngine, record inspection ({@link io.sipalg.tls.engine.RecordObserver},
 * {@link io.sipalg.tls.engine.RenegotiationGuard}, {@link io.sipalg.tls.engine.ClientHelloParser}),
 * protocol and cipher suite policy ({@link io.sipalg.tls.engine.CipherSuitePolicy}), JVM-wide JSSE
 * set-up ({@link io.sipalg.tls.engine.JsseBootstrap}) and peer verification
 * ({@link io.sipalg.tls.engine.PeerTrustManager}).
 *
 * <p>Not exported: the session pipeline wires these pieces to the profile types of the API module.
 * Nothing here starts threads, opens sockets or blocks.
 */
package io.sipalg.tls.engine;
