package io.cloudcut.fault;

/**
 * Counters of one link since it was opened. Connection counts are of the device (client) side;
 * connections the kernel refused while the link was not listening never reach the proxy and are not
 * counted.
 *
 * @param accepted     device connections accepted
 * @param reset        device connections the proxy closed with a TCP RST
 * @param closed       device connections closed for any reason, resets included
 * @param refusedLogins CONNACKs that turned a device away, from the broker or from a fault; counted only
 *                     while packets are read (a watched proxy, or a fault that reads packets)
 * @param bytesUp      bytes forwarded from devices to the broker
 * @param bytesDown    bytes forwarded from the broker to devices
 * @param bytesDropped bytes a fault discarded, in either direction
 */
public record LinkStats(long accepted, long reset, long closed, long refusedLogins, long bytesUp, long bytesDown, long bytesDropped) {
}
