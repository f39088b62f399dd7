/** Standard SIP inspectors implementing the FortiOS VoIP profile's SIP options. */
module io.sipalg.inspect {
  requires transitive io.sipalg.api;
  requires org.slf4j;

  exports io.sipalg.inspect;
}
