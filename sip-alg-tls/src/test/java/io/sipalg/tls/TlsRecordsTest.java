package io.sipalg.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class TlsRecordsTest {
  private static ByteBuffer record(int type, int length, int available) {
    ByteBuffer b = ByteBuffer.allocate(TlsRecords.HEADER_LENGTH + available);
    b.put((byte) type).put((byte) 3).put((byte) 3).putShort((short) length);
    return b.position(0);
  }

  @Test
  void reportsAWholeRecordWithoutConsumingIt() {
    ByteBuffer b = record(TlsRecords.CONTENT_TYPE_HANDSHAKE, 10, 10);
    assertThat(TlsRecords.wholeRecordLength(b)).isEqualTo(15);
    assertThat(b.position()).isZero();
  }

  @Test
  void asksForMoreWhenTheRecordIsPartial() {
    assertThat(TlsRecords.wholeRecordLength(record(23, 100, 50))).isZero();
    assertThat(TlsRecords.wholeRecordLength(ByteBuffer.allocate(3))).isZero();
  }

  @Test
  void rejectsBytesThatAreNotTls() {
    ByteBuffer sip = ByteBuffer.wrap("REGISTER sip:x SIP/2.0\r\n".getBytes());
    assertThat(TlsRecords.wholeRecordLength(sip)).isEqualTo(-1);
  }
}
