package io.sipalg.tls.engine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds minimal TLS 1.2 ClientHello records byte by byte, with or without RFC 5746 signals. */
final class CraftedHello {
  private CraftedHello() {}

  static byte[] record(boolean scsv, boolean renegotiationInfo, String sni) {
    return wrapRecord(message(scsv, renegotiationInfo, sni));
  }

  static byte[] message(boolean scsv, boolean renegotiationInfo, String sni) {
    ByteArrayOutputStream ext = new ByteArrayOutputStream();
    extension(ext, 10, new byte[] {0, 2, 0, 0x17}); // supported_groups: secp256r1
    extension(ext, 11, new byte[] {1, 0}); // ec_point_formats: uncompressed
    extension(ext, 13, new byte[] {0, 2, 4, 3}); // signature_algorithms: ecdsa_secp256r1_sha256
    if (sni != null) {
      byte[] name = sni.getBytes(StandardCharsets.US_ASCII);
      ByteArrayOutputStream list = new ByteArrayOutputStream();
      list.write(0);
      u16(list, name.length);
      list.writeBytes(name);
      ByteArrayOutputStream data = new ByteArrayOutputStream();
      u16(data, list.size());
      data.writeBytes(list.toByteArray());
      extension(ext, 0, data.toByteArray());
    }
    if (renegotiationInfo) {
      extension(ext, 0xFF01, new byte[] {0});
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    u16(body, 0x0303);
    body.writeBytes(new byte[32]);
    body.write(0); // session_id
    u16(body, scsv ? 4 : 2);
    u16(body, 0xC02B); // TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
    if (scsv) {
      u16(body, 0x00FF);
    }
    body.write(1);
    body.write(0); // null compression
    u16(body, ext.size());
    body.writeBytes(ext.toByteArray());
    ByteArrayOutputStream msg = new ByteArrayOutputStream();
    msg.write(1);
    msg.write(0);
    u16(msg, body.size());
    msg.writeBytes(body.toByteArray());
    return msg.toByteArray();
  }

  static byte[] wrapRecord(byte[] fragment) {
    ByteArrayOutputStream rec = new ByteArrayOutputStream();
    rec.writeBytes(new byte[] {22, 3, 1});
    u16(rec, fragment.length);
    rec.writeBytes(fragment);
    return rec.toByteArray();
  }

  private static void extension(ByteArrayOutputStream out, int type, byte[] data) {
    u16(out, type);
    u16(out, data.length);
    out.writeBytes(data);
  }

  private static void u16(ByteArrayOutputStream out, int v) {
    out.write(v >> 8);
    out.write(v);
  }
}
