package io.sipalg.tls.session;

import io.sipalg.api.session.MessageCounts;

/**
 * The live, mutable accounting of one direction; {@link #snapshot()} gives the immutable view.
 * Single-threaded, like the session that owns it.
 */
final class MessageCounter {
  long received;
  long forwarded;
  long responded;
  long dropped;
  long keepAlives;

  MessageCounts snapshot() {
    return new MessageCounts(received, forwarded, responded, dropped, keepAlives);
  }

  long held() {
    return received - forwarded - responded - dropped;
  }
}
