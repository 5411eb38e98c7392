package io.cloudcut.trust;

import io.netty.handler.ssl.util.KeyManagerFactoryWrapper;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The certificates of one TLS run, made when the run starts and deleted when it ends: a CA, the
 * broker's and the proxy's certificates (for 127.0.0.1 and localhost), and a client certificate per
 * device, made on first use. Only the broker's key store, the CA's trust store and the CA
 * certificate ({@code ca.pem}, for a client such as {@code mosquitto_sub --cafile}) are written, to a
 * fresh temporary folder; device keys stay in memory. Devices and proxies in other processes (a
 * clustered run's workers) keep their keys there: this CA certifies their public keys
 * ({@link #certifyDevice}, {@link #certifyProxy}) and its own private key never leaves it.
 */
public final class RunCertificates implements AutoCloseable {

    /** Long enough for any run; a lapse is a fault the scenario asks for, never an accident of a long run. */
    private static final Duration VALIDITY = Duration.ofDays(30);
    private static final String ALIAS = "cloudcut";

    private final Path folder;
    private final CertificateAuthority ca;
    private final char[] password;
    private final KeyStoreFile brokerKeys;
    private final KeyStoreFile caTrust;
    private final Path caPem;
    private final KeyManagerFactory proxyKeys;
    private final Map<String, DeviceCertificate> devices = new ConcurrentHashMap<>();

    /**
     * A device's public key, kept so that its certificate can lapse and be renewed, and what its TLS
     * stack reads when its private key is in this process ({@code privateKey} and {@code manager} null:
     * it is held where the device runs).
     */
    private record DeviceCertificate(PublicKey key, PrivateKey privateKey, DeviceKeyManager manager) {
    }

    private RunCertificates(Path folder) {
        this.folder = folder;
        this.password = randomPassword();
        Instant until = Instant.now().plus(VALIDITY);
        this.ca = CertificateAuthority.create("CloudCut run CA", until);
        KeyPair brokerPair = CertificateAuthority.newKeyPair();
        this.brokerKeys = write("broker.jks", keyStore(brokerPair, ca.issueServer("cloudcut-broker", brokerPair.getPublic(), until)));
        this.caTrust = write("ca-truststore.jks", trustStore());
        this.caPem = writePem();
        KeyPair proxyPair = CertificateAuthority.newKeyPair();
        this.proxyKeys = InMemoryKeys.factory(proxyPair.getPrivate(), ca.issueServer("cloudcut-proxy", proxyPair.getPublic(), until),
                ca.certificate());
    }

    /** Makes a CA and the servers' certificates in a new temporary folder. */
    public static RunCertificates generate() {
        try {
            return new RunCertificates(Files.createTempDirectory("cloudcut-tls-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a folder for the run's certificates", e);
        }
    }

    public Path folder() {
        return folder;
    }

    /** The CA certificate in PEM, which clients outside the run (mosquitto_sub) trust. */
    public Path caCertificate() {
        return caPem;
    }

    /** The broker's key and certificate. */
    public KeyStoreFile brokerKeyStore() {
        return brokerKeys;
    }

    /** The CA alone, for a server that verifies client certificates from a file. */
    public KeyStoreFile caTrustStore() {
        return caTrust;
    }

    /** The proxy's side towards devices; it requires device certificates signed by the run's CA if asked to. */
    public ServerTls proxyServer(boolean requireClientCertificates) {
        return new ServerTls(proxyKeys, requireClientCertificates ? trustManagerFactory() : null);
    }

    /** The proxy's side towards the broker: it verifies the broker and presents the proxy's own certificate. */
    public ClientTls proxyClient() {
        return new ClientTls(proxyKeys, trustManagerFactory());
    }

    /** What a device trusts and, with {@code withCertificate}, its own client certificate, made on first use. */
    public ClientTls device(String deviceId, boolean withCertificate) {
        if (!withCertificate) {
            return new ClientTls(null, trustManagerFactory());
        }
        DeviceCertificate certificate = devices.computeIfAbsent(deviceId, this::issueDevice);
        if (certificate.manager() == null) {
            throw new IllegalArgumentException("device '" + deviceId + "' keeps its key in another process");
        }
        return new ClientTls(new KeyManagerFactoryWrapper(certificate.manager()), trustManagerFactory());
    }

    /** The CA certificate, DER encoded: what a process holding its own keys trusts. */
    public byte[] encodedCa() {
        return encoded(ca.certificate());
    }

    /**
     * A client certificate for a device whose key is held in another process, for the DER encoded
     * {@code publicKey}; the device's certificate can then lapse and be renewed as a local one's.
     *
     * @return the certificate, DER encoded
     * @throws IllegalArgumentException when the device has a certificate already, or the key is no EC key
     */
    public byte[] certifyDevice(String deviceId, byte[] publicKey) {
        PublicKey key = publicKey(publicKey);
        X509Certificate certificate = ca.issueClient(deviceId, key, Instant.now().minusSeconds(60), Instant.now().plus(VALIDITY));
        if (devices.putIfAbsent(deviceId, new DeviceCertificate(key, null, null)) != null) {
            throw new IllegalArgumentException("device '" + deviceId + "' has a certificate in this run already");
        }
        return encoded(certificate);
    }

    /** A certificate for a proxy in another process (for 127.0.0.1 and localhost, as this one's), for the DER encoded {@code publicKey}. */
    public byte[] certifyProxy(byte[] publicKey) {
        return encoded(ca.issueServer("cloudcut-proxy", publicKey(publicKey), Instant.now().plus(VALIDITY)));
    }

    /**
     * The device's certificate lapses now: from the next handshake on it presents a certificate of
     * the same key whose validity ended a second ago, which the broker refuses. Connections already
     * up are left alone, as TLS checks certificates only in a handshake.
     *
     * @return the lapsed certificate, DER encoded, for a device whose key is held in another process to present
     */
    public byte[] expire(String deviceId) {
        Instant now = Instant.now();
        return reissue(deviceId, now.minus(VALIDITY), now.minusSeconds(1));
    }

    /**
     * The device gets a valid certificate of the same key again, from its next handshake on.
     *
     * @return the renewed certificate, DER encoded, for a device whose key is held in another process to present
     */
    public byte[] renew(String deviceId) {
        Instant now = Instant.now();
        return reissue(deviceId, now.minusSeconds(60), now.plus(VALIDITY));
    }

    private byte[] reissue(String deviceId, Instant from, Instant until) {
        DeviceCertificate certificate = devices.get(deviceId);
        if (certificate == null) {
            throw new IllegalArgumentException("device '" + deviceId + "' has no client certificate in this run");
        }
        X509Certificate next = ca.issueClient(deviceId, certificate.key(), from, until);
        if (certificate.manager() != null) {
            certificate.manager().replace(InMemoryKeys.manager(certificate.privateKey(), next, ca.certificate()));
        }
        return encoded(next);
    }

    /** Deletes the folder. */
    @Override
    public void close() {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the run's certificates in " + folder, e);
        }
    }

    private DeviceCertificate issueDevice(String deviceId) {
        KeyPair keys = CertificateAuthority.newKeyPair();
        X509Certificate certificate = ca.issueClient(deviceId, keys.getPublic(), Instant.now().minusSeconds(60),
                Instant.now().plus(VALIDITY));
        return new DeviceCertificate(keys.getPublic(), keys.getPrivate(),
                new DeviceKeyManager(InMemoryKeys.manager(keys.getPrivate(), certificate, ca.certificate())));
    }

    private static PublicKey publicKey(byte[] encoded) {
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an EC public key: " + e.getMessage(), e);
        }
    }

    static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode a certificate", e);
        }
    }

    private KeyStore keyStore(KeyPair keys, X509Certificate certificate) {
        KeyStore store = emptyStore();
        try {
            store.setKeyEntry(ALIAS, keys.getPrivate(), password, new Certificate[]{certificate, ca.certificate()});
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot store a key", e);
        }
        return store;
    }

    private KeyStore trustStore() {
        KeyStore store = emptyStore();
        try {
            store.setCertificateEntry(ALIAS, ca.certificate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot store the CA certificate", e);
        }
        return store;
    }

    private TrustManagerFactory trustManagerFactory() {
        return InMemoryKeys.trusting(ca.certificate());
    }

    private static KeyStore emptyStore() {
        try {
            KeyStore store = KeyStore.getInstance("JKS");
            store.load(null, null);
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make a key store", e);
        }
    }

    private KeyStoreFile write(String name, KeyStore store) {
        Path file = folder.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
        return new KeyStoreFile(file, new String(password));
    }

    private Path writePem() {
        Path file = folder.resolve("ca.pem");
        try {
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(ca.certificate().getEncoded());
            Files.writeString(file, "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
        return file;
    }

    private static char[] randomPassword() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).toCharArray();
    }
}
