package io.sipalg.benchmarks;

import io.sipalg.benchmarks.BenchPki.TlsCase;
import io.sipalg.tls.engine.JsseProvider;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * The crypto limit of a TLS-terminating relay: the same four SSLEngines as an ALG session (phone,
 * relay server side, relay client side, SIP server) moving the same bytes, with no SIP processing
 * at all: unwrap from one side, wrap the plaintext to the other. The relay's two engines use
 * {@code provider}, as the ALG's would; the simulated peers are SunJSSE.
 */
final class RawRelay {
  final MemPeer phone;
  final MemPeer relayIn;
  final MemPeer relayOut;
  final MemPeer server;

  RawRelay(JsseProvider provider, TlsCase tls, SSLContext relayServerCtx, SSLContext relayClientCtx,
      SSLContext phoneCtx, SSLContext serverCtx, boolean resumeUpstream) throws SSLException {
    phone = new MemPeer(BenchPki.client(phoneCtx, tls, 0));
    relayIn = new MemPeer(BenchPki.server(relayServerCtx, tls));
    relayOut = new MemPeer(BenchPki.client(relayClientCtx, tls, resumeUpstream ? 5061 : 0));
    server = new MemPeer(BenchPki.server(serverCtx, tls));
    MemPeer.handshake(phone, relayIn);
    MemPeer.handshake(relayOut, server);
  }

  /** Contexts for a relay of {@code provider}, created once and shared by relays (as an ALG's are). */
  static final class Contexts {
    final SSLContext relayServer;
    final SSLContext relayClient;
    final SSLContext phone = BenchPki.phoneContext();
    final SSLContext server = BenchPki.serverContext(JsseProvider.SUN_JSSE);
    final JsseProvider provider;

    Contexts(JsseProvider provider) {
      this.provider = provider;
      relayServer = BenchPki.serverContext(provider);
      relayClient = BenchPki.clientContext(provider);
    }

    RawRelay connect(TlsCase tls, boolean resumeUpstream) throws SSLException {
      return new RawRelay(provider, tls, relayServer, relayClient, phone, server, resumeUpstream);
    }
  }

  /** Same contract as {@link AlgPipeline.Connected#roundTrip}. */
  int roundTrip(ByteBuffer request, ByteBuffer response) throws SSLException {
    phone.wrap(request);
    relayIn.unwrap(phone.netOut);
    relay(relayIn, relayOut);
    server.unwrap(relayOut.netOut);
    server.wrap(response);
    relayOut.unwrap(server.netOut);
    relay(relayOut, relayIn);
    phone.unwrap(relayIn.netOut);
    int got = server.appIn.position() + phone.appIn.position();
    server.clearApp();
    phone.clearApp();
    return got;
  }

  private static void relay(MemPeer from, MemPeer to) throws SSLException {
    from.appIn.flip();
    to.wrap(from.appIn);
    from.appIn.compact();
  }
}
