package io.cloudcut.broker;

import java.util.Objects;

/**
 * Where MQTT clients connect to a broker: a host and a TCP port.
 *
 * @param host host name or IP address literal, e.g. {@code 127.0.0.1}
 * @param port TCP port, 1 to 65535
 */
public record BrokerEndpoint(String host, int port) {

    public BrokerEndpoint {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + port);
        }
    }

    /** The endpoint as a URI, e.g. {@code tcp://127.0.0.1:1883}; IPv6 literals get brackets. */
    public String uri() {
        String uriHost = host.contains(":") ? "[" + host + "]" : host;
        return "tcp://" + uriHost + ":" + port;
    }

    @Override
    public String toString() {
        return uri();
    }
}
