package io.cloudcut.trust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How CloudCut's own clients trust a broker that it does not run and that speaks TLS (Mosquitto with a
 * {@code cafile}): the CA that signed the broker's certificate, and for a broker that requires client
 * certificates, the certificate and key they present. PEM files, as Mosquitto and openssl write them;
 * the key in PKCS#8, PKCS#1 (RSA) or SEC1 (EC), unencrypted.
 *
 * @param ca          the CA certificate(s) to trust
 * @param certificate null: present none; else the client certificate chain, with {@code key}
 */
public record BrokerTrust(Path ca, Path certificate, Path key) {

    public BrokerTrust {
        Objects.requireNonNull(ca, "ca");
        if ((certificate == null) != (key == null)) {
            throw new IllegalArgumentException("a client certificate needs its key, and a key its certificate");
        }
    }

    public boolean presentsCertificate() {
        return certificate != null;
    }

    /**
     * The CA file's contents, for a process that trusts the broker without having the file (a
     * clustered run's worker): a CA certificate is public, unlike the key of {@code certificate}.
     *
     * @throws IllegalArgumentException naming the file that cannot be read
     */
    public byte[] caPem() {
        try {
            return Files.readAllBytes(ca);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + ca + ": " + e.getMessage(), e);
        }
    }

    /**
     * The files read into what a client's TLS stack takes.
     *
     * @throws IllegalArgumentException naming the file that cannot be read or holds no certificate or key
     */
    public ClientTls clientTls() {
        return new ClientTls(certificate == null ? null : TlsFiles.keysFromPem(certificate, key), TlsFiles.trustFromPem(ca));
    }
}
