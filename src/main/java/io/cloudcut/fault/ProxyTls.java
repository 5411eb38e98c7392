package io.cloudcut.fault;

import io.cloudcut.trust.ClientTls;
import io.cloudcut.trust.ServerTls;

/**
 * TLS on either side of the proxy, or both. The proxy reads MQTT packets for its faults, so it cannot
 * pass TLS through: it ends the device's TLS with its own certificate (verifying the device's
 * certificate as the broker would, when {@code towardsDevices} requires one) and opens its own TLS
 * to the broker. A null side is plain TCP: a proxy can give devices TLS in front of a plain local
 * broker, or let plain devices reach a broker that takes TLS only.
 */
public record ProxyTls(ServerTls towardsDevices, ClientTls towardsBroker) {

    public ProxyTls {
        if (towardsDevices == null && towardsBroker == null) {
            throw new IllegalArgumentException("TLS on neither side: make a proxy without TLS instead");
        }
    }
}
