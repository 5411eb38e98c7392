package io.cloudcut.fault;

import io.cloudcut.trust.ClientTls;
import io.cloudcut.trust.ServerTls;

/**
 * TLS on one or both sides of the proxy. The proxy reads MQTT packets for its faults, so it cannot
 * pass TLS through: it ends the device's TLS with its own certificate (verifying the device's
 * certificate as the broker would, when {@code towardsDevices} requires one) and opens its own TLS to
 * the broker. A side given null is plain TCP: devices in plain TCP before a broker that only speaks
 * TLS, say.
 */
public record ProxyTls(ServerTls towardsDevices, ClientTls towardsBroker) {

    public ProxyTls {
        if (towardsDevices == null && towardsBroker == null) {
            throw new IllegalArgumentException("TLS on neither side of the proxy: make it without ProxyTls");
        }
    }
}
