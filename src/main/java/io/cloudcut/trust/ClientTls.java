package io.cloudcut.trust;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * What a TLS client needs: whom it trusts to be the broker, and the certificate it presents, if
 * any ({@code keys} null: none, plain TLS). Client stacks take these factories as they are; a
 * device's key factory follows the device's certificate through a mid-run expiry.
 */
public record ClientTls(KeyManagerFactory keys, TrustManagerFactory trust) {

    public ClientTls {
        Objects.requireNonNull(trust, "trust");
    }

    public boolean presentsCertificate() {
        return keys != null;
    }

    /**
     * Whether the certificate this client presents has lapsed: a broker refuses it with a bare
     * "certificate unknown" alert (the JDK names no expiry in it), so a device that is refused checks
     * its own certificate, as firmware that logs "certificate expired" does.
     */
    public boolean certificateExpired() {
        if (keys == null) {
            return false;
        }
        for (KeyManager manager : keys.getKeyManagers()) {
            if (manager instanceof X509KeyManager x509) {
                String alias = x509.chooseClientAlias(new String[]{"EC", "RSA"}, null, null);
                X509Certificate[] chain = alias == null ? null : x509.getCertificateChain(alias);
                if (chain != null && chain.length > 0) {
                    try {
                        chain[0].checkValidity();
                    } catch (CertificateExpiredException | CertificateNotYetValidException lapsed) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Completes one TLS handshake with {@code host:port} and closes: proof that a listener serves a
     * certificate this client trusts (and accepts this client's).
     *
     * @throws IOException when the handshake fails or takes longer than {@code timeoutMillis}
     */
    public void handshake(String host, int port, int timeoutMillis) throws IOException {
        try (SSLSocket socket = (SSLSocket) sslContext().getSocketFactory().createSocket()) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.startHandshake();
        }
    }

    /** A TLS context over these factories, for stacks that take a socket factory (Paho). */
    public SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a TLS context", e);
        }
    }
}
