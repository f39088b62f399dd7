package io.sipalg.examples.demo;

import io.sipalg.parser.FramingException;
import io.sipalg.parser.SipFrame;
import io.sipalg.parser.SipFramer;
import io.sipalg.parser.SipMessage;
import io.sipalg.parser.SipParseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocket;

/**
 * SIP messages over one TLS socket, for the demo's phone and registrar: writes whole messages and
 * reads them back framed by Content-Length ({@link SipFramer}), however TLS records and TCP
 * segments cut them. Reads block for at most the socket's read timeout. Not thread-safe.
 */
final class SipStream implements AutoCloseable {
  private final SSLSocket socket;
  private final InputStream in;
  private final OutputStream out;
  private final SipFramer framer = new SipFramer();
  private final byte[] buffer = new byte[16 * 1024];

  SipStream(SSLSocket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  SSLSocket socket() {
    return socket;
  }

  /** Sends one message (CRLF line ends expected) and flushes it onto the wire. */
  void send(String message) throws IOException {
    send(message.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends one message's bytes and flushes them onto the wire. */
  void send(byte[] message) throws IOException {
    out.write(message);
    out.flush();
  }

  /**
   * The next SIP message (keep-alives skipped), or {@code null} when the peer closed the
   * connection.
   *
   * @throws java.net.SocketTimeoutException when nothing complete arrived within the read timeout
   * @throws IOException when the stream cannot be framed or a message cannot be parsed
   */
  SipMessage receive() throws IOException {
    while (true) {
      SipFrame frame;
      try {
        frame = framer.next();
      } catch (FramingException e) {
        throw new IOException("the SIP stream cannot be framed: " + e.getMessage(), e);
      }
      if (frame != null && frame.isMessage()) {
        try {
          return frame.detach().parse();
        } catch (SipParseException e) {
          throw new IOException("unparseable SIP message: " + e.getMessage(), e);
        }
      }
      if (frame == null) {
        int n = in.read(buffer);
        if (n < 0) {
          return null;
        }
        framer.feed(buffer, 0, n);
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
