/**
 * {@code sip-alg demo}: a self-contained run of the seed's sequence on loopback. {@link
 * io.sipalg.examples.demo.DemoScript} wires a throwaway PKI ({@code DemoPki}), a TLS registrar
 * ({@code DemoRegistrar}), sip-alg in the reference runner (configured by {@code DemoAlgConfig},
 * narrated by {@code DemoNarrator} and {@code AnnouncingSessions}) and a TLS phone ({@code
 * DemoPhone}); {@code DemoPrinter} serialises their lines and {@code DemoPacing} holds the few
 * hand-offs that keep the printed order the same on every run.
 */
package io.sipalg.examples.demo;
