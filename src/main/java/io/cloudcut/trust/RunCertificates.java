package io.cloudcut.trust;

import io.netty.handler.ssl.util.KeyManagerFactoryWrapper;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
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
 * fresh temporary folder; device keys stay in memory.
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

    /** A device's key pair, kept so that its certificate can lapse, and what its TLS stack reads. */
    private record DeviceCertificate(KeyPair keys, DeviceKeyManager manager) {
    }

    private RunCertificates(Path folder) {
        this.folder = folder;
        this.password = randomPassword();
        Instant until = Instant.now().plus(VALIDITY);
        this.ca = CertificateAuthority.create("CloudCut run CA", until);
        KeyPair brokerPair = CertificateAuthority.newKeyPair();
        this.brokerKeys = write("broker.jks", keyStore(brokerPair, ca.issueServer("cloudcut-broker", brokerPair, until)));
        this.caTrust = write("ca-truststore.jks", trustStore());
        this.caPem = writePem();
        KeyPair proxyPair = CertificateAuthority.newKeyPair();
        this.proxyKeys = keyManagerFactory(keyStore(proxyPair, ca.issueServer("cloudcut-proxy", proxyPair, until)));
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
        return new ClientTls(new KeyManagerFactoryWrapper(certificate.manager()), trustManagerFactory());
    }

    /**
     * The device's certificate lapses now: from the next handshake on it presents a certificate of
     * the same key whose validity ended a second ago, which the broker refuses. Connections already
     * up are left alone, as TLS checks certificates only in a handshake.
     */
    public void expire(String deviceId) {
        DeviceCertificate certificate = certificate(deviceId);
        Instant now = Instant.now();
        X509Certificate lapsed = ca.issueClient(deviceId, certificate.keys(), now.minus(VALIDITY), now.minusSeconds(1));
        certificate.manager().replace(keyManager(keyStore(certificate.keys(), lapsed)));
    }

    /** The device gets a valid certificate of the same key again, from its next handshake on. */
    public void renew(String deviceId) {
        DeviceCertificate certificate = certificate(deviceId);
        Instant now = Instant.now();
        X509Certificate renewed = ca.issueClient(deviceId, certificate.keys(), now.minusSeconds(60), now.plus(VALIDITY));
        certificate.manager().replace(keyManager(keyStore(certificate.keys(), renewed)));
    }

    private DeviceCertificate certificate(String deviceId) {
        DeviceCertificate certificate = devices.get(deviceId);
        if (certificate == null) {
            throw new IllegalArgumentException("device '" + deviceId + "' has no client certificate in this run");
        }
        return certificate;
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
        X509Certificate certificate = ca.issueClient(deviceId, keys, Instant.now().minusSeconds(60), Instant.now().plus(VALIDITY));
        return new DeviceCertificate(keys, new DeviceKeyManager(keyManager(keyStore(keys, certificate))));
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
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(trustStore());
            return factory;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a trust manager for the run's CA", e);
        }
    }

    private KeyManagerFactory keyManagerFactory(KeyStore store) {
        try {
            // SunX509 names keys by their key store alias, so a chain and its key are found under one name.
            KeyManagerFactory factory = KeyManagerFactory.getInstance("SunX509");
            factory.init(store, password);
            return factory;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a key manager", e);
        }
    }

    private X509ExtendedKeyManager keyManager(KeyStore store) {
        return (X509ExtendedKeyManager) keyManagerFactory(store).getKeyManagers()[0];
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
