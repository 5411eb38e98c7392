package io.cloudcut.trust;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import java.util.Objects;

/**
 * What a TLS server needs: its own certificate, and whom it trusts to sign client certificates
 * ({@code clientTrust} null: it asks for none). With a client trust, a client certificate is
 * required: a device without one, signed by another CA, or expired, is refused in the handshake.
 */
public record ServerTls(KeyManagerFactory keys, TrustManagerFactory clientTrust) {

    public ServerTls {
        Objects.requireNonNull(keys, "keys");
    }

    public boolean requiresClientCertificates() {
        return clientTrust != null;
    }
}
