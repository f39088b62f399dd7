package io.sipalg.parser;

import java.util.List;

/**
 * A tokenised {@code m=} line.
 *
 * @param media media type, e.g. {@code audio}
 * @param port transport port
 * @param portCount number of ports ({@code /n}), 1 when absent
 * @param protocol transport protocol, e.g. {@code RTP/AVP}
 * @param formats media formats
 * @param portOffset offset of the port in the SDP body
 * @param portEnd offset just past the port (before {@code /n})
 */
public record SdpMedia(String media, int port, int portCount, String protocol,
    List<String> formats, int portOffset, int portEnd) {}
