package io.sipalg.tls.engine;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * A real engine that throws an unchecked exception from {@code wrap} or {@code unwrap}, as
 * providers do on input they did not expect (BCJSSE passing malformed SNI bytes to code that
 * rejects them, for one).
 */
final class ThrowingEngine extends SSLEngine {
  private final SSLEngine real;
  private final boolean onWrap;
  private final boolean onUnwrap;

  ThrowingEngine(SSLEngine real, boolean onWrap, boolean onUnwrap) {
    this.real = real;
    this.onWrap = onWrap;
    this.onUnwrap = onUnwrap;
  }

  @Override
  public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst)
      throws SSLException {
    if (onWrap) {
      dst.put((byte) 0x16); // half-written output, as a provider may leave it
      throw new IllegalStateException("provider bug in wrap");
    }
    return real.wrap(srcs, offset, length, dst);
  }

  @Override
  public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length)
      throws SSLException {
    if (onUnwrap) {
      dsts[offset].put((byte) 'X'); // half-written plaintext must not reach the caller
      throw new IllegalArgumentException("provider bug in unwrap");
    }
    return real.unwrap(src, dsts, offset, length);
  }

  @Override public Runnable getDelegatedTask() { return real.getDelegatedTask(); }
  @Override public void closeInbound() throws SSLException { real.closeInbound(); }
  @Override public boolean isInboundDone() { return real.isInboundDone(); }
  @Override public void closeOutbound() { real.closeOutbound(); }
  @Override public boolean isOutboundDone() { return real.isOutboundDone(); }
  @Override public String[] getSupportedCipherSuites() { return real.getSupportedCipherSuites(); }
  @Override public String[] getEnabledCipherSuites() { return real.getEnabledCipherSuites(); }
  @Override public void setEnabledCipherSuites(String[] s) { real.setEnabledCipherSuites(s); }
  @Override public String[] getSupportedProtocols() { return real.getSupportedProtocols(); }
  @Override public String[] getEnabledProtocols() { return real.getEnabledProtocols(); }
  @Override public void setEnabledProtocols(String[] p) { real.setEnabledProtocols(p); }
  @Override public SSLSession getSession() { return real.getSession(); }
  @Override public SSLSession getHandshakeSession() { return real.getHandshakeSession(); }
  @Override public void beginHandshake() throws SSLException { real.beginHandshake(); }
  @Override public SSLEngineResult.HandshakeStatus getHandshakeStatus() { return real.getHandshakeStatus(); }
  @Override public void setUseClientMode(boolean mode) { real.setUseClientMode(mode); }
  @Override public boolean getUseClientMode() { return real.getUseClientMode(); }
  @Override public void setNeedClientAuth(boolean need) { real.setNeedClientAuth(need); }
  @Override public boolean getNeedClientAuth() { return real.getNeedClientAuth(); }
  @Override public void setWantClientAuth(boolean want) { real.setWantClientAuth(want); }
  @Override public boolean getWantClientAuth() { return real.getWantClientAuth(); }
  @Override public void setEnableSessionCreation(boolean flag) { real.setEnableSessionCreation(flag); }
  @Override public boolean getEnableSessionCreation() { return real.getEnableSessionCreation(); }
}
