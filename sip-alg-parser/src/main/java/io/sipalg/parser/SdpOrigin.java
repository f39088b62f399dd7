package io.sipalg.parser;

/**
 * A tokenised {@code o=} line.
 *
 * @param username user name or {@code -}
 * @param sessionId session id (decimal text)
 * @param sessionVersion session version (decimal text)
 * @param netType network type, normally {@code IN}
 * @param addrType {@code IP4} or {@code IP6}
 * @param address unicast address
 * @param addressOffset offset of the address in the SDP body
 * @param addressEnd offset just past the address
 */
public record SdpOrigin(String username, String sessionId, String sessionVersion, String netType,
    String addrType, String address, int addressOffset, int addressEnd) {}
