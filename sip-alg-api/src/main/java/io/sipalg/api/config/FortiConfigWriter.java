package io.sipalg.api.config;

import io.sipalg.api.VoipOption;
import io.sipalg.api.VoipProfile;
import io.sipalg.api.cert.Peer;
import io.sipalg.api.cert.PeerGroup;

/**
 * Prints a {@link FortiConfig} as FortiOS CLI, like {@code show full-configuration}: every profile
 * option with its effective value, defaults included, 4-space indentation. {@link
 * FortiConfigReader} reads the output back to an equal configuration.
 *
 * <p>Certificates are printed as they were given: file keys as file keys, inline PEM as inline PEM
 * (an encrypted key stays encrypted: its original text is kept), passwords as given ({@code ENC
 * ...} values unquoted, as FortiOS writes them). The output therefore contains the passwords of the
 * input: treat it like the config file.
 *
 * <pre>{@code
 * System.out.print(FortiConfigWriter.write(FortiConfigReader.read(Path.of("alg.conf"))));
 * }</pre>
 */
public final class FortiConfigWriter {
  private static final String I1 = "    ";
  private static final String I2 = I1 + I1;
  private static final String I3 = I2 + I1;

  private FortiConfigWriter() {}

  /**
   * Prints the configuration.
   *
   * @param config the configuration
   * @return FortiOS CLI text ending with a line break
   */
  public static String write(FortiConfig config) {
    StringBuilder out = new StringBuilder();
    out.append("config system settings\n");
    out.append(I1).append("set sip-ssl-port ").append(config.systemSettings().sipSslPort())
        .append('\n');
    out.append("end\n");
    if (!config.caCertificates().isEmpty()) {
      out.append("config vpn certificate ca\n");
      for (CaCertificateEntry ca : config.caCertificates()) {
        edit(out, ca.name());
        set(out, I2, "ca", ca.ca());
        set(out, I2, "ca-file", ca.caFile());
        out.append(I1).append("next\n");
      }
      out.append("end\n");
    }
    if (!config.localCertificates().isEmpty()) {
      out.append("config vpn certificate local\n");
      for (LocalCertificateEntry e : config.localCertificates()) {
        edit(out, e.name());
        if (e.passwordIsFortiOsEncrypted()) {
          out.append(I2).append("set password ENC ")
              .append(e.password().substring(4).trim()).append('\n');
        } else {
          set(out, I2, "password", e.password());
        }
        set(out, I2, "comments", e.comments());
        set(out, I2, "private-key", e.privateKey());
        set(out, I2, "certificate", e.certificate());
        set(out, I2, "private-key-file", e.privateKeyFile());
        set(out, I2, "certificate-file", e.certificateFile());
        set(out, I2, "pkcs12-file", e.pkcs12File());
        out.append(I1).append("next\n");
      }
      out.append("end\n");
    }
    if (!config.peers().isEmpty()) {
      out.append("config user peer\n");
      for (Peer p : config.peers()) {
        edit(out, p.name());
        set(out, I2, "ca", p.ca());
        set(out, I2, "subject", p.subject());
        set(out, I2, "cn", p.cn());
        out.append(I1).append("next\n");
      }
      out.append("end\n");
    }
    if (!config.peerGroups().isEmpty()) {
      out.append("config user peergrp\n");
      for (PeerGroup g : config.peerGroups()) {
        edit(out, g.name());
        out.append(I2).append("set member");
        for (String m : g.members()) {
          out.append(' ').append(quote(m));
        }
        out.append('\n').append(I1).append("next\n");
      }
      out.append("end\n");
    }
    if (!config.profiles().isEmpty()) {
      out.append("config voip profile\n");
      for (VoipProfile p : config.profiles()) {
        edit(out, p.name());
        out.append(I2).append("set comment ").append(quote(p.comment())).append('\n');
        out.append(I2).append("config sip\n");
        for (VoipOption<?> option : VoipOption.all()) {
          out.append(I3).append("set ").append(option.name()).append(' ')
              .append(value(p, option)).append('\n');
        }
        out.append(I2).append("end\n");
        out.append(I1).append("next\n");
      }
      out.append("end\n");
    }
    return out.toString();
  }

  private static <T> String value(VoipProfile p, VoipOption<T> option) {
    String text = option.format(p.get(option));
    return option.isQuoted() ? quote(text) : text;
  }

  private static void edit(StringBuilder out, String name) {
    out.append(I1).append("edit ").append(quote(name)).append('\n');
  }

  private static void set(StringBuilder out, String indent, String key, String value) {
    if (!value.isEmpty()) {
      out.append(indent).append("set ").append(key).append(' ').append(quote(value)).append('\n');
    }
  }

  /** Double quotes with {@code \} and {@code "} escaped, as the reader expects. */
  static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
