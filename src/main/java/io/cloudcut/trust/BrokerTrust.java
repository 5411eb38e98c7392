package io.cloudcut.trust;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
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
     * The files read into what a client's TLS stack takes.
     *
     * @throws IllegalArgumentException naming the file that cannot be read or holds no certificate or key
     */
    public ClientTls clientTls() {
        char[] password = "cloudcut".toCharArray();
        try {
            KeyStore trusted = emptyStore();
            int n = 0;
            for (Certificate authority : certificates(ca)) {
                trusted.setCertificateEntry("ca-" + n++, authority);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
            trust.init(trusted);
            if (certificate == null) {
                return new ClientTls(null, trust);
            }
            KeyStore own = emptyStore();
            own.setKeyEntry("client", privateKey(key), password, certificates(certificate).toArray(Certificate[]::new));
            KeyManagerFactory keys = KeyManagerFactory.getInstance("SunX509");
            keys.init(own, password);
            return new ClientTls(keys, trust);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot use the broker's TLS files (" + ca
                    + (certificate == null ? "" : ", " + certificate + ", " + key) + "): " + e.getMessage(), e);
        }
    }

    private static Collection<? extends Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> read = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (read.isEmpty()) {
                throw new IllegalArgumentException(file + " holds no certificate");
            }
            return read;
        }
    }

    private static PrivateKey privateKey(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file); PEMParser pem = new PEMParser(in)) {
            Object read = pem.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (read instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (read instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IllegalArgumentException(file + " holds no unencrypted private key in PEM");
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }
}
