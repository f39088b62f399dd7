package io.sipalg.inspect;

import io.sipalg.api.PortRange;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * The outside RTP/RTCP ports of one ALG instance ({@code nat-port-range}): an even RTP port and
 * the RTCP port above it, both free, taken from the profile's range. One port space serves every
 * profile and outside address of the instance, so two sessions never get the same port. Memory is
 * fixed (one bit per port, 8 KiB) whatever the load. Allocation is next-fit per range: a port
 * just released is reused last, so late RTP of an ended call does not reach the next one.
 * Thread-safe.
 */
final class MediaPortAllocator {
  private final BitSet used = new BitSet(65536);
  /** Next port to try, per range (one entry per distinct profile range). */
  private final Map<PortRange, Integer> cursors = new HashMap<>();
  private int pairs;

  /**
   * Takes an RTP/RTCP pair from a range.
   *
   * @param range the profile's {@code nat-port-range}
   * @return the RTP port (even; RTCP is the next one), or 0 when no pair of the range is free
   */
  synchronized int allocate(PortRange range) {
    int first = range.low() + (range.low() & 1); // the first even port
    int last = range.high() - 1; // the RTCP port must fit in the range too
    if (first > last) {
      return 0;
    }
    int start = cursors.getOrDefault(range, first);
    if (start < first || start > last) {
      start = first;
    }
    int port = start;
    do {
      if (!used.get(port) && !used.get(port + 1)) {
        used.set(port, port + 2);
        pairs++;
        int next = port + 2;
        cursors.put(range, next > last ? first : next);
        return port;
      }
      port += 2;
      if (port > last) {
        port = first;
      }
    } while (port != start);
    return 0;
  }

  /** Gives a pair back; a port that is not allocated is ignored. */
  synchronized void release(int rtpPort) {
    if (rtpPort > 0 && rtpPort < 65535 && used.get(rtpPort)) {
      used.clear(rtpPort, rtpPort + 2);
      pairs--;
    }
  }

  /** RTP/RTCP pairs currently allocated. */
  synchronized int pairsInUse() {
    return pairs;
  }
}
