package io.cloudcut.trust;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * A CA made in a test and, signed by it, a broker's certificate for 127.0.0.1 and a client's, all
 * written as PEM files in {@code folder}, as an operator gives them to Mosquitto ({@code cafile},
 * {@code certfile}, {@code keyfile}) and to CloudCut ({@code --broker-ca}, {@code --broker-cert},
 * {@code --broker-key}). Readable by all: Mosquitto started as root reads them as its own user.
 */
public record PemFiles(Path ca, Path brokerCertificate, Path brokerKey, Path clientCertificate, Path clientKey) {

    public static PemFiles write(Path folder) throws IOException {
        Instant until = Instant.now().plus(Duration.ofDays(1));
        CertificateAuthority authority = CertificateAuthority.create("Test broker CA", until);
        KeyPair broker = CertificateAuthority.newKeyPair();
        KeyPair client = CertificateAuthority.newKeyPair();
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new PemFiles(
                pem(folder.resolve("ca.pem"), authority.certificate()),
                pem(folder.resolve("broker.pem"), authority.issueServer("test-broker", broker.getPublic(), until)),
                pem(folder.resolve("broker.key"), broker.getPrivate()),
                pem(folder.resolve("client.pem"), authority.issueClient("cloudcut-harness", client.getPublic(),
                        Instant.now().minusSeconds(60), until)),
                pem(folder.resolve("client.key"), client.getPrivate()));
    }

    /** Mosquitto's TLS lines for its listener; with {@code requireCertificates}, every client must present one. */
    public java.util.List<String> mosquittoLines(boolean requireCertificates) {
        return java.util.List.of("cafile " + ca, "certfile " + brokerCertificate, "keyfile " + brokerKey,
                "require_certificate " + requireCertificates);
    }

    private static Path pem(Path file, X509Certificate certificate) throws IOException {
        try (Writer out = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(certificate);
        }
        return readableByAll(file);
    }

    /** PKCS#8, as openssl genpkey writes it: Mosquitto's OpenSSL 3 refused the EC PRIVATE KEY that JcaPEMWriter wrote of this key. */
    private static Path pem(Path file, PrivateKey key) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
        return readableByAll(file);
    }

    private static Path readableByAll(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }
}
