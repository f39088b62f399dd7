package io.sipalg.api.session;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * The address mapping of one session, as the host sees its sockets. NAT fixup uses it: addresses of
 * the phone ({@link #phone()}, the "inside") are replaced by the ALG's address toward the server
 * ({@link #algOutside()}) in requests, and translated back in responses.
 *
 * <p>The server-side addresses are known only once the host has connected upstream; until then
 * they are empty. Immutable; {@link #withServerSide} returns the completed copy.
 *
 * @param phone the phone's address (remote end of the accepted connection)
 * @param algInside the ALG's address the phone connected to (local end of the accepted connection)
 * @param algOutside the ALG's address toward the server (local end of the upstream connection)
 * @param server the SIP server's address (remote end of the upstream connection)
 */
public record SessionAddresses(
    InetSocketAddress phone,
    InetSocketAddress algInside,
    Optional<InetSocketAddress> algOutside,
    Optional<InetSocketAddress> server) {

  /** Checks that no component is null. */
  public SessionAddresses {
    Objects.requireNonNull(phone, "phone");
    Objects.requireNonNull(algInside, "algInside");
    Objects.requireNonNull(algOutside, "algOutside");
    Objects.requireNonNull(server, "server");
  }

  /** Addresses of a freshly accepted phone connection; the upstream side is not connected yet. */
  public static SessionAddresses accepted(InetSocketAddress phone, InetSocketAddress algInside) {
    return new SessionAddresses(phone, algInside, Optional.empty(), Optional.empty());
  }

  /** A copy completed with the upstream connection's local and remote addresses. */
  public SessionAddresses withServerSide(InetSocketAddress algOutside, InetSocketAddress server) {
    return new SessionAddresses(
        phone, algInside, Optional.of(algOutside), Optional.of(server));
  }
}
