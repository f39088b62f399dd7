package io.sipalg.benchmarks;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.pkts.buffer.Buffers;
import io.sipalg.parser.NameAddress;
import io.sipalg.parser.SipFrame;
import io.sipalg.parser.SipFramer;
import io.sipalg.parser.SipMessage;
import java.util.concurrent.TimeUnit;
import javax.sip.address.SipURI;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parsing one SIP message, sip-alg against JAIN-SIP RI and pkts.io (issues 3 and 8). One operation
 * = one message; the score is messages per second, {@code -prof gc}'s {@code gc.alloc.rate.norm}
 * is bytes allocated per message.
 *
 * <p>"touched" = parse, then read the top Via's branch, the From tag, the To URI (its host), the
 * Call-ID, the CSeq number and the first Contact's URI (its host) — what a stateful ALG reads from
 * every message. Each library returns these in its own types; reading the URI host forces every
 * lazy parser to really parse the address. "untouched" = frame and parse, read nothing.
 *
 * <ul>
 *   <li>{@code sipAlgFrameParse*}: {@link SipFramer} fed the message's bytes (as the ALG gets them
 *       from TLS), {@code next()}, {@code parse()} — the whole per-message parser cost.
 *   <li>{@code sipAlgParse}, {@code jainSip}, {@code pkts}: parse from a byte array (what the
 *       peers offer), then the touched reads.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ParserBenchmark {
  @Param({"REGISTER", "INVITE_SDP", "OK_200", "LARGE_3K"})
  public SipSamples message;

  private byte[] bytes;
  private SipFramer framer;
  private StringMsgParser jainParser;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    bytes = message.bytes();
    framer = new SipFramer();
    jainParser = new StringMsgParser();
    // Each variant must read every field of every sample, or the comparison is void.
    Blackhole bh = new Blackhole(
        "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
    sipAlgFrameParseUntouched(bh);
    sipAlgFrameParseTouched(bh);
    sipAlgParseTouched(bh);
    jainSipTouched(bh);
    pktsTouched(bh);
    bh.evaporate(
        "Yes, I am Stephen Hawking, and know a thing or two about black holes.");
  }

  // Both framer variants drain the framer as its Javadoc says (next() until null): the last call
  // releases the frame's view of the buffer, so the next feed can reuse it in place instead of
  // allocating a new buffer to protect the old frame.

  @Benchmark
  public void sipAlgFrameParseUntouched(Blackhole bh) throws Exception {
    framer.feed(bytes, 0, bytes.length);
    bh.consume(framer.next().parse());
    drain();
  }

  @Benchmark
  public void sipAlgFrameParseTouched(Blackhole bh) throws Exception {
    framer.feed(bytes, 0, bytes.length);
    SipFrame frame = framer.next();
    touch(frame.parse(), bh);
    drain();
  }

  private void drain() throws Exception {
    if (framer.next() != null) {
      throw new IllegalStateException("one message fed, more than one framed");
    }
  }

  @Benchmark
  public void sipAlgParseTouched(Blackhole bh) throws Exception {
    touch(SipMessage.parse(bytes, 0, bytes.length), bh);
  }

  private static void touch(SipMessage m, Blackhole bh) throws Exception {
    bh.consume(m.topVia().branch());
    bh.consume(m.from().tag());
    bh.consume(m.to().uri().host());
    bh.consume(m.callId());
    bh.consume(m.cseq().number());
    NameAddress contact = m.contacts().get(0);
    bh.consume(contact.uri().host());
  }

  @Benchmark
  public void jainSipTouched(Blackhole bh) throws Exception {
    SIPMessage m = jainParser.parseSIPMessage(bytes, true, false, null);
    bh.consume(m.getTopmostVia().getBranch());
    bh.consume(m.getFromTag());
    bh.consume(((SipURI) m.getTo().getAddress().getURI()).getHost());
    bh.consume(m.getCallId().getCallId());
    bh.consume(m.getCSeq().getSeqNumber());
    bh.consume(((SipURI) m.getContactHeader().getAddress().getURI()).getHost());
  }

  @Benchmark
  public void pktsTouched(Blackhole bh) throws Exception {
    io.pkts.packet.sip.SipMessage m = io.pkts.packet.sip.SipMessage.frame(Buffers.wrap(bytes));
    bh.consume(m.getViaHeader().getBranch());
    bh.consume(m.getFromHeader().getTag());
    bh.consume(((io.pkts.packet.sip.address.SipURI) m.getToHeader().getAddress().getURI()).getHost());
    bh.consume(m.getCallIDHeader().getCallId());
    bh.consume(m.getCSeqHeader().getSeqNumber());
    bh.consume(((io.pkts.packet.sip.address.SipURI) m.getContactHeader().getAddress().getURI())
        .getHost());
  }
}
