package io.sipalg.parser;

/**
 * A tokenised {@code c=} line.
 *
 * @param netType network type, normally {@code IN}
 * @param addrType {@code IP4} or {@code IP6}
 * @param address the address (host name or literal), without {@code /ttl/count}
 * @param suffix the {@code /ttl[/count]} suffix as written, or {@code ""}
 * @param addressOffset offset of the address in the SDP body
 * @param addressEnd offset just past the address
 */
public record SdpConnection(String netType, String addrType, String address, String suffix,
    int addressOffset, int addressEnd) {}
