/** SIP message model, stream framer, lazy parser, byte-preserving editor and SDP. */
module io.sipalg.parser {
  exports io.sipalg.parser;
}
