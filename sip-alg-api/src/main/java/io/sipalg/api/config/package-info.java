/**
 * Reading and writing FortiOS-style CLI configuration: {@code config system settings}, {@code
 * config vpn certificate local} / {@code ca}, {@code config user peer} / {@code peergrp} and {@code
 * config voip profile}.
 *
 * <p>{@link io.sipalg.api.config.FortiConfigReader} parses the text, checks every option and value,
 * loads the certificates and checks every reference, reporting the first problem as a {@link
 * io.sipalg.api.config.FortiConfigException} with file, line and column. {@link
 * io.sipalg.api.config.FortiConfigWriter} prints the effective configuration with all defaults.
 *
 * <pre>{@code
 * // alg.conf:
 * //   config system settings
 * //       set sip-ssl-port 5066
 * //   end
 * //   config vpn certificate local
 * //       edit "Server_cert"
 * //           set password "secret"
 * //           set certificate-file "server.pem"
 * //           set private-key-file "server.key"
 * //       next
 * //   end
 * //   config voip profile
 * //       edit "default"
 * //           config sip
 * //               set ssl-mode full
 * //               set ssl-server-certificate "Server_cert"
 * //           end
 * //       next
 * //   end
 * try {
 *   FortiConfig config = FortiConfigReader.read(Path.of("alg.conf"));
 *   VoipProfile profile = config.profile("default");
 *   System.out.print(FortiConfigWriter.write(config));
 * } catch (FortiConfigException e) {
 *   System.err.println(e.format()); // FILE:LINE:COL: message
 * }
 * }</pre>
 */
package io.sipalg.api.config;
