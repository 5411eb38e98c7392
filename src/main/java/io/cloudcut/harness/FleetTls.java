package io.cloudcut.harness;

import io.cloudcut.fault.ProxyTls;
import io.cloudcut.trust.ClientTls;
import io.cloudcut.trust.RunCertificates;

/**
 * TLS for a fleet in this process: the proxy ends each device's TLS and opens its own to the broker;
 * with {@code mutual}, each device presents its own certificate, which the proxy verifies as the
 * broker would, and the proxy presents its own to the broker, which requires one.
 */
record FleetTls(RunCertificates certificates, boolean mutual) {

    ProxyTls proxy() {
        return new ProxyTls(certificates.proxyServer(mutual), certificates.proxyClient());
    }

    ClientTls device(String deviceId) {
        return certificates.device(deviceId, mutual);
    }
}
