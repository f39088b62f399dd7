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
 *
 * <p>Cost model: {@link io.sipalg.parser.SipFrame#parse()} reuses the header index the framer
 * built while framing, so parsing a framed message only checks its start line. Each typed
 * accessor tokenises (and validates) only its own header, on first use; the hot headers (Via,
 * From, To, Call-ID, CSeq, Contact and the others the accessors read) are found by an id assigned
 * in one pass over the header names. Values keep offsets into the message and make strings when
 * asked. {@link io.sipalg.parser.SipMessage#malformedHeaders()} checks the hot fields through the
 * same accessors, so checking first (as the validation inspector does) leaves them tokenised for
 * the readers after it. See the module README ("Hot path") and {@code docs/benchmarks.md} for
 * measurements.
 *
 * <p>Control characters: any in a header value other than HT, a folded line break or a
 * quoted-pair makes that header malformed (a bare CR can smuggle a line to an element that reads
 * it as a line end). {@link io.sipalg.parser.SipMessage#hasUnsafeControls()} and
 * {@link io.sipalg.parser.SipFrame#hasUnsafeControls()} tell whether the head holds a bare CR or
 * a NUL at all, {@link io.sipalg.parser.SipEditor#replaceUnsafeControls()} turns each into SP
 * before forwarding, and {@link io.sipalg.parser.ResponseBuilder} never copies one into a response.
 */
package io.sipalg.parser;
