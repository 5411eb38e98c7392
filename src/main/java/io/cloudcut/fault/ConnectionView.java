package io.cloudcut.fault;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One client connection through a link, as it stands.
 *
 * @param id           unique in the proxy: the link id and the connection's number on it ({@code proxy-3})
 * @param clientId     from the client's CONNECT; null until it is read, or if the client speaks no MQTT
 * @param mqttVersion  {@code 3.1}, {@code 3.1.1} or {@code 5}, from the CONNECT; null as {@code clientId}
 * @param since        when the connection entered each state it went through
 * @param connackCodes the return or reason codes of the CONNACKs the client received
 * @param faults       the link's active faults that act on this connection, in the order they judge bytes
 */
public record ConnectionView(String id, String link, String clientId, String mqttVersion, ConnectionState state,
                             Map<ConnectionState, Instant> since, long bytesUp, long bytesDown, long packetsUp,
                             long packetsDown, List<Integer> connackCodes, List<LinkFault> faults) {
}
