/**
 * SIP message model for the ALG: a stream framer, a lazy parser over the original bytes, typed
 * header values, an SDP model, and a byte-preserving editor.
 *
 * <pre>{@code
 * SipFramer framer = new SipFramer(SipLimits.DEFAULTS);
 * framer.feed(plaintext);
 * for (SipFrame f; (f = framer.next()) != null; ) {
 *   if (!f.isMessage()) { continue; }                 // keep-alive ping or pong
 *   SipMessage msg = f.parse();                       // start line checked, headers indexed
 *   for (HeaderError e : msg.malformedHeaders()) { ... }  // discard / pass / respond per header
 *   Via top = msg.topVia();                           // tokenised now, MalformedHeaderException if bad
 *   SipEditor ed = msg.edit().setViaParam(top, "received", "198.51.100.7");
 *   ByteBuffer out = ed.toByteBuffer();               // unchanged bytes copied as they were
 * }
 * }</pre>
 */
package io.sipalg.parser;
