package io.cloudcut.cli;

import io.cloudcut.trust.TransportSecurity;
import picocli.CommandLine.Option;

/** {@code --tls} and {@code --mtls}: how devices reach the broker. */
final class TlsOptions {

    @Option(names = "--tls",
            description = "Devices reach the broker over TLS and verify its certificate; certificates are made for the "
                    + "run in a temporary folder and deleted after it.")
    boolean tls;

    @Option(names = "--mtls",
            description = "As --tls, and each device presents its own client certificate, which is required and "
                    + "verified (as on AWS IoT).")
    boolean mtls;

    TransportSecurity security() {
        if (mtls) {
            return TransportSecurity.MUTUAL_TLS;
        }
        return tls ? TransportSecurity.TLS : TransportSecurity.PLAIN;
    }
}
