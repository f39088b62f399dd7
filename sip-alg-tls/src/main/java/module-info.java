/** The ALG core: two SSLEngine legs around the inspector chain. */
module io.sipalg.tls {
  requires transitive io.sipalg.api;
  requires java.logging;
  requires java.naming;
  requires org.slf4j;
  requires org.bouncycastle.tls;
  requires org.bouncycastle.provider;

  exports io.sipalg.tls;
}
