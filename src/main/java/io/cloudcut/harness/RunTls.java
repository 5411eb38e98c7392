package io.cloudcut.harness;

import io.cloudcut.broker.Brokers;
import io.cloudcut.scenario.FaultSpec;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.trust.TransportSecurity;

/**
 * What a run's TLS settings allow, checked before anything starts: devices over TLS need the embedded
 * broker or an external one over TLS; an {@code mqtts://} broker needs the CA that signed its
 * certificate, and with {@code --mtls} the certificate the harness presents (a broker that asks
 * devices for one asks everyone), whose key stays in this process: such a broker takes no workers;
 * external devices speak plain TCP; certificates expire only where devices have them.
 */
final class RunTls {

    private RunTls() {
    }

    /** @throws IllegalArgumentException naming what is wrong and what to give instead */
    static void check(Scenario scenario, RunSettings settings) {
        boolean tlsBroker = settings.externalBroker() != null && Brokers.overTls(settings.externalBroker());
        boolean devicesOverTls = settings.security().encrypted();
        scenario.phases().stream().filter(phase -> phase.faults().stream().anyMatch(FaultSpec::onDevices)).findFirst()
                .filter(phase -> settings.security() != TransportSecurity.MUTUAL_TLS)
                .ifPresent(phase -> {
                    throw new IllegalArgumentException("phase '" + phase.name() + "' of scenario " + scenario.name()
                            + " lets client certificates expire (cert-expiry), which devices have only with --mtls");
                });
        if (tlsBroker && settings.brokerTrust() == null) {
            throw new IllegalArgumentException("--broker " + settings.externalBroker() + " speaks TLS: give the CA that"
                    + " signed its certificate with --broker-ca FILE");
        }
        if (!tlsBroker && settings.brokerTrust() != null) {
            throw new IllegalArgumentException("--broker-ca, --broker-cert and --broker-key are for an external broker"
                    + " over TLS: --broker mqtts://HOST:PORT");
        }
        if (devicesOverTls && settings.externalBroker() != null && !tlsBroker) {
            throw new IllegalArgumentException("--tls and --mtls need the embedded broker or an external one over TLS"
                    + " (--broker mqtts://HOST:PORT --broker-ca FILE), not " + settings.externalBroker());
        }
        if (settings.security() == TransportSecurity.MUTUAL_TLS && tlsBroker
                && !settings.brokerTrust().presentsCertificate()) {
            throw new IllegalArgumentException("--mtls with an external broker needs --broker-cert FILE and --broker-key"
                    + " FILE: the certificate that the harness's clients and the proxy present to it");
        }
        if (tlsBroker && settings.clustered() && settings.brokerTrust().presentsCertificate()) {
            throw new IllegalArgumentException("--broker-cert and --broker-key with --workers would send their private"
                    + " key to the workers over the cluster's plain event bus: drop --workers, or let the broker take"
                    + " clients without a certificate (and devices with --tls, not --mtls)");
        }
        if (tlsBroker && !scenario.external().isEmpty()) {
            throw new IllegalArgumentException("scenario " + scenario.name() + " has external devices, which reach the"
                    + " broker over plain TCP: give them a tcp:// broker");
        }
        if (devicesOverTls && !scenario.external().isEmpty()) {
            throw new IllegalArgumentException("--tls and --mtls are for emulated devices: scenario " + scenario.name()
                    + " has external devices, which reach the broker over plain TCP");
        }
    }
}
