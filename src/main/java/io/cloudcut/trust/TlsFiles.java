package io.cloudcut.trust;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/**
 * Keys and trust that the user gives as files (a device's CA, a certificate for the proxy, a broker's
 * CA), as OpenSSL and Mosquitto write them: PEM certificates, PEM keys (PKCS#1, SEC1 or unencrypted
 * PKCS#8), or a PKCS#12 or JKS key store. Every failure names the file and what was wrong with it.
 */
public final class TlsFiles {

    private static final char[] IN_MEMORY = "cloudcut".toCharArray();

    private TlsFiles() {
    }

    /** A certificate (chain, leaf first) and its private key, both PEM. */
    public static KeyManagerFactory keysFromPem(Path certificateChain, Path privateKey) {
        Collection<? extends Certificate> chain = certificates(certificateChain);
        try {
            KeyStore store = InMemoryKeys.emptyStore();
            store.setKeyEntry("key", privateKey(privateKey), IN_MEMORY, chain.toArray(Certificate[]::new));
            return keyManagers(store, IN_MEMORY);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(privateKey + " does not go with the certificate in " + certificateChain
                    + ": " + e.getMessage(), e);
        }
    }

    /** The keys of a PKCS#12 or JKS key store, whose store and key share {@code password}. */
    public static KeyManagerFactory keysFromStore(Path store, char[] password) {
        try {
            return keyManagers(KeyStore.getInstance(store.toFile(), password), password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the key store " + store + ": " + why(e), e);
        }
    }

    /** Trusts the CA certificates in a PEM file, and nothing else. */
    public static TrustManagerFactory trustFromPem(Path caCertificates) {
        return trust(certificates(caCertificates), caCertificates.toString());
    }

    /**
     * Trusts the CA certificates of a PEM file's contents, read elsewhere (by a clustered run's
     * coordinator), and nothing else; {@code source} names them in errors.
     */
    public static TrustManagerFactory trustFromPem(byte[] caCertificates, String source) {
        try {
            return trust(parsed(new ByteArrayInputStream(caCertificates), source), source);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read certificates from " + source + ": " + e.getMessage(), e);
        }
    }

    private static TrustManagerFactory trust(Collection<? extends Certificate> certificates, String source) {
        try {
            KeyStore store = InMemoryKeys.emptyStore();
            int index = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + index++, certificate);
            }
            return trustManagers(store);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot trust the certificates in " + source + ": " + e.getMessage(), e);
        }
    }

    /** The CAs this JVM trusts by default, as a public broker's certificate needs. */
    public static TrustManagerFactory systemTrust() {
        try {
            return trustManagers(null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the JVM's trusted CAs", e);
        }
    }

    private static Collection<? extends Certificate> certificates(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parsed(in, file.toString());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read certificates from " + file + ": " + why(e), e);
        }
    }

    private static Collection<? extends Certificate> parsed(InputStream in, String source) throws GeneralSecurityException {
        Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(source + " holds no certificate");
        }
        return certificates;
    }

    private static PrivateKey privateKey(Path file) {
        try (Reader reader = Files.newBufferedReader(file); PEMParser parser = new PEMParser(reader)) {
            Object read = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (read instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (read instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IllegalArgumentException(file + " holds no unencrypted PEM private key"
                    + (read == null ? "" : " (found " + read.getClass().getSimpleName() + ")"));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read a private key from " + file + ": " + why(e), e);
        }
    }

    /** A missing file's exception says only its name, which the message already has. */
    private static String why(Exception e) {
        return e instanceof NoSuchFileException || e instanceof FileNotFoundException ? "no such file" : e.getMessage();
    }

    private static KeyManagerFactory keyManagers(KeyStore store, char[] password) throws GeneralSecurityException {
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory;
    }

    private static TrustManagerFactory trustManagers(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory;
    }
}
