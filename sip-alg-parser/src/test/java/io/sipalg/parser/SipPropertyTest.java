package io.sipalg.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Deterministic, bounded property tests (seeded {@link Random}): they run in every build, beside
 * the coverage-guided {@link SipFuzzTest}.
 */
class SipPropertyTest {
  private static final long SEED = 0x5195A19L;

  private static List<byte[]> seeds() {
    List<byte[]> out = new ArrayList<>(Corpus.all());
    out.add(Corpus.bytes(Corpus.REGISTER));
    out.add(Corpus.bytes(Corpus.invite()));
    return out;
  }

  @Test
  void parseThenSerializeIsTheIdentity() throws Exception {
    for (byte[] wire : seeds()) {
      try {
        SipMessage m = SipMessage.parse(wire);
        assertThat(m.edit().toByteArray()).isEqualTo(wire);
        assertThat(m.toByteArray()).isEqualTo(wire);
      } catch (SipParseException e) {
        // start line unusable: nothing to serialise
      }
    }
  }

  @Test
  void framingThenSerializingReproducesTheStream() throws Exception {
    Random rnd = new Random(SEED);
    java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < 200; i++) {
      switch (rnd.nextInt(4)) {
        case 0: stream.writeBytes(Corpus.bytes(Corpus.REGISTER)); break;
        case 1: stream.writeBytes(Corpus.bytes(Corpus.invite())); break;
        case 2: stream.writeBytes(Corpus.bytes("\r\n\r\n")); break;
        default: stream.writeBytes(Corpus.valid("mpart01")); break; // binary body
      }
    }
    byte[] all = stream.toByteArray();
    SipFramer framer = new SipFramer();
    ByteBuffer out = ByteBuffer.allocate(all.length);
    int p = 0;
    while (p < all.length) {
      int n = Math.min(all.length - p, 1 + rnd.nextInt(3000));
      framer.feed(all, p, n);
      p += n;
      for (SipFrame f; (f = framer.next()) != null; ) {
        if (f.isMessage()) {
          out.put(f.parse().edit().toByteBuffer());
        } else {
          out.put(f.asByteBuffer());
        }
      }
    }
    assertThat(out.array()).isEqualTo(all);
  }

  @Test
  void editThenReparseSeesTheEdit() throws Exception {
    Random rnd = new Random(SEED);
    for (int i = 0; i < 300; i++) {
      SipMessage m = SipMessage.parse(Corpus.bytes(i % 2 == 0 ? Corpus.REGISTER : Corpus.invite()));
      String host = (1 + rnd.nextInt(254)) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "."
          + (1 + rnd.nextInt(254));
      int port = 1 + rnd.nextInt(65535);
      SipEditor ed = m.edit();
      ed.setViaParam(m.topVia(), "received", host);
      ed.setViaParam(m.topVia(), "rport", Integer.toString(port));
      ed.setUriHostPort(m.contacts().get(0).uri(), host, port);
      String tag = Long.toHexString(rnd.nextLong());
      ed.setHeaderValue(m.header("To"), "<sip:x@example.com>;tag=" + tag);
      boolean withBody = rnd.nextBoolean();
      String body = "v=0\r\ni=" + "x".repeat(rnd.nextInt(50)) + "\r\n";
      if (withBody) {
        ed.setBody(Corpus.bytes(body));
      }
      SipMessage again = ed.apply();
      assertThat(again.topVia().received()).isEqualTo(host);
      assertThat(again.topVia().rport()).isEqualTo(port);
      assertThat(again.contacts().get(0).uri().host()).isEqualTo(host);
      assertThat(again.contacts().get(0).uri().port()).isEqualTo(port);
      assertThat(again.to().tag()).isEqualTo(tag);
      assertThat(again.callId()).isEqualTo(m.callId());
      assertThat(again.cseq()).isEqualTo(m.cseq());
      assertThat(again.contentLength()).isEqualTo(again.bodyLength());
      if (withBody) {
        assertThat(Corpus.str(again.body())).isEqualTo(body);
      }
      assertThat(again.validate()).isEmpty();
    }
  }

  @Test
  void randomMutationsOnlyYieldParsedMessagesOrTypedErrors() {
    Random rnd = new Random(SEED);
    List<byte[]> seeds = seeds();
    byte[] interesting = Corpus.bytes("\r\n:;,<>\"\\%@[]/ =\t0-9ZlvLCcontent-length");
    for (int i = 0; i < 4000; i++) {
      byte[] base = seeds.get(rnd.nextInt(seeds.size()));
      byte[] m = mutate(base, rnd, interesting);
      // Any unchecked exception or error here fails the test: only typed outcomes are allowed.
      SipFuzzTest.FuzzTarget.run(m);
    }
  }

  private static byte[] mutate(byte[] base, Random rnd, byte[] interesting) {
    byte[] m = base.clone();
    int edits = 1 + rnd.nextInt(8);
    for (int e = 0; e < edits && m.length > 0; e++) {
      int pos = rnd.nextInt(m.length);
      switch (rnd.nextInt(5)) {
        case 0:
          m[pos] = (byte) rnd.nextInt(256);
          break;
        case 1:
          m[pos] = interesting[rnd.nextInt(interesting.length)];
          break;
        case 2: {
          int len = Math.min(m.length - pos, 1 + rnd.nextInt(20));
          byte[] shorter = new byte[m.length - len];
          System.arraycopy(m, 0, shorter, 0, pos);
          System.arraycopy(m, pos + len, shorter, pos, m.length - pos - len);
          m = shorter;
          break;
        }
        case 3: {
          int len = Math.min(m.length - pos, 1 + rnd.nextInt(40));
          byte[] longer = new byte[m.length + len];
          System.arraycopy(m, 0, longer, 0, pos + len);
          System.arraycopy(m, pos, longer, pos + len, m.length - pos);
          m = longer;
          break;
        }
        default:
          m = java.util.Arrays.copyOf(m, pos);
          break;
      }
    }
    return m;
  }
}
