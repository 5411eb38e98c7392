package io.cloudcut.broker;

import io.cloudcut.trust.KeyStoreFile;

import java.util.Objects;

/**
 * The embedded broker's TLS listener, beside its plain one: the broker's key store and, for mutual
 * TLS, the trust store whose CA must have signed every client certificate ({@code clientTrust} null:
 * no client certificate asked for).
 */
public record BrokerTls(KeyStoreFile keys, KeyStoreFile clientTrust) {

    public BrokerTls {
        Objects.requireNonNull(keys, "keys");
    }

    public boolean requiresClientCertificates() {
        return clientTrust != null;
    }
}
