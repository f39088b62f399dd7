/** The sip-alg contract: profiles, configuration, certificates, inspector SPI, sessions and events. */
module io.sipalg.api {
  requires transitive io.sipalg.parser;
  requires org.slf4j;
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.provider;

  exports io.sipalg.api;
  exports io.sipalg.api.cert;
  exports io.sipalg.api.config;
  exports io.sipalg.api.inspect;
  exports io.sipalg.api.session;
}
