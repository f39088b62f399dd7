package io.sipalg.tls.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reassembles the first handshake message from the bodies of plaintext handshake records and
 * parses it as a ClientHello. Bounded ({@link #MAX_CLIENT_HELLO} bytes) and total: malformed input
 * gives a {@link Result} with an error, never an exception.
 */
public final class ClientHelloParser {
  /** The largest ClientHello accepted (post-quantum key shares stay far below this). */
  public static final int MAX_CLIENT_HELLO = 32 * 1024;
  private static final int CLIENT_HELLO = 1;

  private ByteBuffer collected = ByteBuffer.allocate(512);
  private Result done;

  /**
   * The parser's answer.
   *
   * @param status whether the hello is complete, incomplete or malformed
   * @param hello the parsed hello when complete
   * @param error what is wrong when malformed
   */
  public record Result(Status status, ClientHello hello, String error) {}

  /** How far the parser got. */
  public enum Status {
    /** More handshake records are needed. */
    NEED_MORE,
    /** The ClientHello was parsed. */
    COMPLETE,
    /** The bytes are not a well-formed ClientHello. */
    MALFORMED
  }

  /** Parses one complete handshake message (header included) in one go. */
  public static Result parseMessage(ByteBuffer message) {
    return new ClientHelloParser().offer(message);
  }

  /**
   * Adds the body of the next handshake record. Once complete or malformed, further input is
   * ignored and the same result returned.
   *
   * @param recordBody the record body (without the record header); not modified
   */
  public Result offer(ByteBuffer recordBody) {
    if (done != null) {
      return done;
    }
    ByteBuffer in = recordBody.duplicate();
    if (collected.remaining() < in.remaining()) {
      int needed = collected.position() + in.remaining();
      if (needed > MAX_CLIENT_HELLO + 4) {
        return finish(malformed("ClientHello larger than " + MAX_CLIENT_HELLO + " bytes"));
      }
      ByteBuffer bigger = ByteBuffer.allocate(Math.max(needed, collected.capacity() * 2));
      collected.flip();
      bigger.put(collected);
      collected = bigger;
    }
    collected.put(in);
    if (collected.position() < 4) {
      return new Result(Status.NEED_MORE, null, null);
    }
    int type = collected.get(0) & 0xff;
    int length = u24(collected, 1);
    if (type != CLIENT_HELLO) {
      return finish(malformed("first handshake message has type " + type + ", not ClientHello"));
    }
    if (length > MAX_CLIENT_HELLO) {
      return finish(malformed("ClientHello declares " + length + " bytes, more than "
          + MAX_CLIENT_HELLO));
    }
    if (collected.position() < 4 + length) {
      return new Result(Status.NEED_MORE, null, null);
    }
    ByteBuffer body = collected.duplicate().position(4).limit(4 + length).slice();
    return finish(parseBody(body));
  }

  private Result finish(Result r) {
    done = r;
    collected = ByteBuffer.allocate(0);
    return r;
  }

  private static Result parseBody(ByteBuffer b) {
    try {
      int legacyVersion = u16(b);
      skip(b, 32, "random");
      skip(b, u8(b), "session_id");
      int suitesLength = u16(b);
      if (suitesLength % 2 != 0 || suitesLength == 0) {
        return malformed("cipher_suites length " + suitesLength + " is not a positive even number");
      }
      ByteBuffer suites = sub(b, suitesLength, "cipher_suites");
      List<Integer> cipherSuites = new ArrayList<>();
      while (suites.hasRemaining()) {
        cipherSuites.add(u16(suites));
      }
      int compressionLength = u8(b);
      if (compressionLength == 0) {
        return malformed("no compression method");
      }
      skip(b, compressionLength, "compression_methods");
      List<Integer> extensionTypes = new ArrayList<>();
      List<Integer> versions = new ArrayList<>();
      List<String> serverNames = new ArrayList<>();
      if (b.hasRemaining()) {
        ByteBuffer extensions = sub(b, u16(b), "extensions");
        while (extensions.hasRemaining()) {
          int extType = u16(extensions);
          ByteBuffer data = sub(extensions, u16(extensions), "extension " + extType);
          if (extensionTypes.contains(extType)) {
            return malformed("duplicate extension " + extType);
          }
          extensionTypes.add(extType);
          if (extType == ClientHello.EXTENSION_SUPPORTED_VERSIONS) {
            ByteBuffer list = sub(data, u8(data), "supported_versions");
            while (list.hasRemaining()) {
              versions.add(u16(list));
            }
          } else if (extType == ClientHello.EXTENSION_SERVER_NAME) {
            ByteBuffer list = sub(data, u16(data), "server_name");
            while (list.hasRemaining()) {
              int nameType = u8(list);
              ByteBuffer name = sub(list, u16(list), "server_name entry");
              if (nameType == 0) {
                byte[] ascii = new byte[name.remaining()];
                name.get(ascii);
                serverNames.add(new String(ascii, StandardCharsets.US_ASCII));
              }
            }
          }
        }
      }
      if (b.hasRemaining()) {
        return malformed(b.remaining() + " bytes after the extensions");
      }
      return new Result(Status.COMPLETE,
          new ClientHello(legacyVersion, versions, cipherSuites, extensionTypes, serverNames), null);
    } catch (Truncated t) {
      return malformed(t.getMessage());
    }
  }

  private static Result malformed(String error) {
    return new Result(Status.MALFORMED, null, error);
  }

  /** Internal control flow for a field running past its enclosing length. */
  private static final class Truncated extends Exception {
    private static final long serialVersionUID = 1L;

    Truncated(String what) {
      super(what + " runs past the end of its enclosing field", null, false, false);
    }
  }

  private static int u8(ByteBuffer b) throws Truncated {
    need(b, 1, "length byte");
    return b.get() & 0xff;
  }

  private static int u16(ByteBuffer b) throws Truncated {
    need(b, 2, "two-byte field");
    return b.getShort() & 0xffff;
  }

  private static int u24(ByteBuffer b, int at) {
    return ((b.get(at) & 0xff) << 16) | ((b.get(at + 1) & 0xff) << 8) | (b.get(at + 2) & 0xff);
  }

  private static void skip(ByteBuffer b, int n, String what) throws Truncated {
    need(b, n, what);
    b.position(b.position() + n);
  }

  private static ByteBuffer sub(ByteBuffer b, int n, String what) throws Truncated {
    need(b, n, what);
    ByteBuffer s = b.slice().limit(n);
    b.position(b.position() + n);
    return s;
  }

  private static void need(ByteBuffer b, int n, String what) throws Truncated {
    if (b.remaining() < n) {
      throw new Truncated(what);
    }
  }
}
