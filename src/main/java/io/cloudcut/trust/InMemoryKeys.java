package io.cloudcut.trust;

import io.netty.handler.ssl.util.TrustManagerFactoryWrapper;

import javax.crypto.spec.PBEParameterSpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** Key and trust managers over key stores that live only in memory, for the run's certificates wherever they are held. */
final class InMemoryKeys {

    private static final String ALIAS = "cloudcut";
    /** Guards nothing: the store is never written. */
    private static final char[] PASSWORD = ALIAS.toCharArray();
    /**
     * The key sealed in the store with one round of key derivation, not PKCS#12's default of 10,000:
     * sealing and unsealing a device's key took about a fifth of a TLS fleet's start.
     */
    private static final KeyStore.PasswordProtection ONE_ROUND = new KeyStore.PasswordProtection(PASSWORD,
            "PBEWithHmacSHA256AndAES_128", new PBEParameterSpec(new byte[16], 1));

    private InMemoryKeys() {
    }

    /** Presents {@code chain} (leaf first) with {@code key}. */
    static KeyManagerFactory factory(PrivateKey key, X509Certificate... chain) {
        try {
            KeyStore store = emptyStore();
            store.setEntry(ALIAS, new KeyStore.PrivateKeyEntry(key, chain), ONE_ROUND);
            // SunX509 names keys by their key store alias, so a chain and its key are found under one name.
            KeyManagerFactory factory = KeyManagerFactory.getInstance("SunX509");
            factory.init(store, PASSWORD);
            return factory;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a key manager", e);
        }
    }

    static X509ExtendedKeyManager manager(PrivateKey key, X509Certificate... chain) {
        return (X509ExtendedKeyManager) factory(key, chain).getKeyManagers()[0];
    }

    /** Trusts {@code ca} and nothing else; a chain once accepted is checked again only for its dates ({@link RememberedChains}). */
    static TrustManagerFactory trusting(X509Certificate ca) {
        try {
            KeyStore store = emptyStore();
            store.setCertificateEntry(ALIAS, ca);
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(store);
            return new TrustManagerFactoryWrapper(new RememberedChains((X509ExtendedTrustManager) factory.getTrustManagers()[0]));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a trust manager for the run's CA", e);
        }
    }

    /** An empty PKCS#12 store, to fill in memory. */
    static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException cannotHappen) {
            throw new IllegalStateException("cannot make an empty key store", cannotHappen);
        }
        return store;
    }
}
