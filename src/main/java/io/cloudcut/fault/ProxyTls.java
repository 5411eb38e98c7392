package io.cloudcut.fault;

import io.cloudcut.trust.ClientTls;
import io.cloudcut.trust.ServerTls;

import java.util.Objects;

/**
 * TLS on both sides of the proxy. The proxy reads MQTT packets for its faults, so it cannot pass TLS
 * through: it ends the device's TLS with its own certificate (verifying the device's certificate
 * as the broker would, when {@code towardsDevices} requires one) and opens its own TLS to the broker.
 */
public record ProxyTls(ServerTls towardsDevices, ClientTls towardsBroker) {

    public ProxyTls {
        Objects.requireNonNull(towardsDevices, "towardsDevices");
        Objects.requireNonNull(towardsBroker, "towardsBroker");
    }
}
