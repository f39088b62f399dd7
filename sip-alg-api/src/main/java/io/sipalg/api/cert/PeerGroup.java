package io.sipalg.api.cert;

import java.util.List;
import java.util.Objects;

/**
 * A peer group ({@code config user peergrp}): a certificate is accepted if any member peer accepts
 * it.
 *
 * @param name the entry name
 * @param members the names of the member {@link Peer}s
 */
public record PeerGroup(String name, List<String> members) {
  /** Copies the member list. */
  public PeerGroup {
    Objects.requireNonNull(name, "name");
    members = List.copyOf(members);
  }

  /** A group of the given members. */
  public static PeerGroup of(String name, String... members) {
    return new PeerGroup(name, List.of(members));
  }
}
