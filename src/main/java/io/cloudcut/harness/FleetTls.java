package io.cloudcut.harness;

import io.cloudcut.fault.ProxyTls;
import io.cloudcut.trust.ClientTls;
import io.cloudcut.trust.RunCertificates;

/**
 * TLS for a fleet in this process, on either side of the proxy or both. Towards devices, with
 * {@code certificates} (null: plain TCP): the proxy ends each device's TLS; with {@code mutual}, each
 * device presents its own certificate, which the proxy verifies as the broker would. Towards the
 * broker, with {@code towardsBroker} (null: plain TCP): the proxy opens its own TLS and presents
 * that certificate, if any (the run's own for the embedded broker; the one given for an external one).
 */
record FleetTls(RunCertificates certificates, boolean mutual, ClientTls towardsBroker) {

    ProxyTls proxy() {
        return new ProxyTls(certificates == null ? null : certificates.proxyServer(mutual), towardsBroker);
    }

    /** What the device trusts and presents; null: it speaks plain TCP to the proxy. */
    ClientTls device(String deviceId) {
        return certificates == null ? null : certificates.device(deviceId, mutual);
    }
}
