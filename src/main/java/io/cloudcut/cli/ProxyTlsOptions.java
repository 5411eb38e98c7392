package io.cloudcut.cli;

import io.cloudcut.fault.ProxyTls;
import io.cloudcut.trust.ClientTls;
import io.cloudcut.trust.RunCertificates;
import io.cloudcut.trust.ServerTls;
import io.cloudcut.trust.TlsFiles;
import picocli.CommandLine.Option;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The stand-alone proxy's TLS: towards devices ({@code --tls...}), towards the broker ({@code --upstream-...}). */
final class ProxyTlsOptions {

    @Option(names = "--tls",
            description = "Devices connect over TLS: the proxy ends it with a certificate for 127.0.0.1 and localhost made "
                    + "for this run (its CA in --tls-ca-out), or with --tls-cert/--tls-key or --tls-keystore.")
    boolean tls;

    @Option(names = "--tls-ca-out", paramLabel = "FILE",
            description = "With --tls and no certificate given: writes the CA of the certificate made for this run here "
                    + "(PEM), for devices to trust (mosquitto_pub --cafile FILE); kept after the proxy stops.")
    Path caOut;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "The proxy's certificate towards devices (PEM, chain with the leaf first); needs --tls-key; implies --tls.")
    Path certificate;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "The private key of --tls-cert (PEM, unencrypted).")
    Path key;

    @Option(names = "--tls-keystore", paramLabel = "FILE",
            description = "The proxy's certificate and key towards devices as a PKCS#12 or JKS key store; implies --tls.")
    Path keyStore;

    @Option(names = "--tls-keystore-password", paramLabel = "PASSWORD", defaultValue = "",
            description = "The password of --tls-keystore and of its key.")
    String keyStorePassword;

    @Option(names = "--upstream-tls",
            description = "The proxy speaks TLS to the broker and verifies its certificate against the JVM's trusted CAs, "
                    + "or --upstream-cafile.")
    boolean upstreamTls;

    @Option(names = "--upstream-cafile", paramLabel = "FILE",
            description = "Trust only the CA certificates in this PEM file for the broker; implies --upstream-tls.")
    Path upstreamCa;

    @Option(names = "--upstream-cert", paramLabel = "FILE",
            description = "A client certificate the proxy presents to the broker (PEM); needs --upstream-key; implies "
                    + "--upstream-tls.")
    Path upstreamCertificate;

    @Option(names = "--upstream-key", paramLabel = "FILE", description = "The private key of --upstream-cert (PEM, unencrypted).")
    Path upstreamKey;

    /**
     * The TLS the options ask for, its files read; null {@link ProxyTlsSetup#tls()} when none.
     *
     * @throws IllegalArgumentException when options contradict each other or a file cannot be used
     */
    ProxyTlsSetup setUp() {
        checkPairs();
        boolean towardsDevices = tls || certificate != null || keyStore != null;
        boolean towardsBroker = upstreamTls || upstreamCa != null || upstreamCertificate != null;
        if (!towardsDevices && !towardsBroker) {
            return new ProxyTlsSetup(null, null, null);
        }
        RunCertificates generated = towardsDevices && certificate == null && keyStore == null ? RunCertificates.generate() : null;
        try {
            ServerTls server = towardsDevices ? new ServerTls(deviceKeys(generated), null) : null;
            ClientTls client = towardsBroker ? brokerTls() : null;
            return new ProxyTlsSetup(new ProxyTls(server, client), generated, generated == null ? null : caForDevices(generated));
        } catch (RuntimeException failed) {
            if (generated != null) {
                generated.close();
            }
            throw failed;
        }
    }

    private void checkPairs() {
        if ((certificate == null) != (key == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        if (certificate != null && keyStore != null) {
            throw new IllegalArgumentException("give the proxy's certificate once: --tls-cert/--tls-key or --tls-keystore");
        }
        if (caOut != null && (certificate != null || keyStore != null)) {
            throw new IllegalArgumentException("--tls-ca-out writes the CA of a certificate made for the run; with "
                    + "--tls-cert or --tls-keystore, hand devices the CA that signed yours");
        }
        if ((upstreamCertificate == null) != (upstreamKey == null)) {
            throw new IllegalArgumentException("--upstream-cert and --upstream-key go together");
        }
    }

    private KeyManagerFactory deviceKeys(RunCertificates generated) {
        if (generated != null) {
            return generated.proxyServer(false).keys();
        }
        return certificate != null ? TlsFiles.keysFromPem(certificate, key)
                : TlsFiles.keysFromStore(keyStore, keyStorePassword.toCharArray());
    }

    private ClientTls brokerTls() {
        TrustManagerFactory trust = upstreamCa == null ? TlsFiles.systemTrust() : TlsFiles.trustFromPem(upstreamCa);
        return new ClientTls(upstreamCertificate == null ? null : TlsFiles.keysFromPem(upstreamCertificate, upstreamKey), trust);
    }

    private Path caForDevices(RunCertificates generated) {
        if (caOut == null) {
            return generated.caCertificate();
        }
        try {
            return Files.copy(generated.caCertificate(), caOut, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the CA to " + caOut + ": " + e, e);
        }
    }

    /**
     * What the proxy runs with: its TLS (null: none), the certificates made for it (null: none, or the
     * user's own), deleted when it stops, and the CA file devices trust (null: not made here).
     */
    record ProxyTlsSetup(ProxyTls tls, RunCertificates generated, Path caForDevices) implements AutoCloseable {

        /** How devices and the broker are reached, for the proxy's first line. */
        String describe() {
            if (tls == null) {
                return "";
            }
            StringBuilder text = new StringBuilder();
            if (tls.towardsDevices() != null) {
                text.append(" Devices speak TLS to the proxy");
                text.append(caForDevices == null ? "." : "; they trust the CA in " + caForDevices + ".");
            }
            if (tls.towardsBroker() != null) {
                text.append(" The proxy speaks TLS to the broker.");
            }
            return text.toString();
        }

        @Override
        public void close() {
            if (generated != null) {
                generated.close();
            }
        }
    }
}
