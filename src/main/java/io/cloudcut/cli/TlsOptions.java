package io.cloudcut.cli;

import io.cloudcut.trust.BrokerTrust;
import io.cloudcut.trust.TransportSecurity;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --tls} and {@code --mtls}: how devices reach the broker; {@code --broker-ca} and the rest: how the harness trusts an external one over TLS. */
final class TlsOptions {

    @Option(names = "--tls",
            description = "Devices reach the broker over TLS and verify its certificate; certificates are made for the "
                    + "run in a temporary folder and deleted after it.")
    boolean tls;

    @Option(names = "--mtls",
            description = "As --tls, and each device presents its own client certificate, which is required and "
                    + "verified (as on AWS IoT).")
    boolean mtls;

    @Option(names = "--broker-ca", paramLabel = "FILE",
            description = "With --broker mqtts://HOST:PORT: the CA certificate (PEM) that signed the broker's certificate,"
                    + " which the harness's clients and the proxy trust.")
    Path brokerCa;

    @Option(names = "--broker-cert", paramLabel = "FILE",
            description = "With --broker-ca, for a broker that requires client certificates (needed with --mtls): the"
                    + " certificate (PEM) that the harness's clients and the proxy present to it.")
    Path brokerCert;

    @Option(names = "--broker-key", paramLabel = "FILE",
            description = "The unencrypted private key (PEM) of --broker-cert.")
    Path brokerKey;

    /**
     * How the run trusts an external TLS broker; null if none of the options was given.
     *
     * @throws IllegalArgumentException for a certificate without its key or the CA, or a file that cannot be read
     */
    BrokerTrust brokerTrust() {
        if (brokerCa == null && brokerCert == null && brokerKey == null) {
            return null;
        }
        if (brokerCa == null) {
            throw new IllegalArgumentException("--broker-cert and --broker-key need --broker-ca: the CA that signed the"
                    + " broker's certificate");
        }
        if ((brokerCert == null) != (brokerKey == null)) {
            throw new IllegalArgumentException("--broker-cert and --broker-key go together: a certificate and its key");
        }
        BrokerTrust trust = new BrokerTrust(brokerCa, brokerCert, brokerKey);
        // Read now, so that a wrong file is bad input before anything starts.
        trust.clientTls();
        return trust;
    }

    TransportSecurity security() {
        if (mtls) {
            return TransportSecurity.MUTUAL_TLS;
        }
        return tls ? TransportSecurity.TLS : TransportSecurity.PLAIN;
    }
}
