package io.cloudcut.cli;

import io.cloudcut.testing.CliRun;
import io.cloudcut.testing.Mosquitto;
import io.cloudcut.testing.MosquittoClients;
import io.cloudcut.testing.ProxyProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code cloudcut proxy} with TLS, as a process of its own: Mosquitto's own clients reach Mosquitto through
 * it over TLS (a certificate made for the run, or the user's), it speaks TLS to a broker that takes
 * nothing else, and a fault aimed at a client id still acts, the CONNECT read after the handshake.
 */
class ProxyOverTlsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** A CA and a certificate it signed for 127.0.0.1 and localhost, made by OpenSSL as a user would. */
    @TempDir
    static Path certificates;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void makeCertificates() throws Exception {
        // Mosquitto started as root reads its files as the mosquitto user.
        Files.setPosixFilePermissions(certificates, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(certificates.resolve("names.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=proxy-test-ca");
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost");
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.pem", "-days", "2", "-extfile", "names.ext");
        openssl("pkcs12", "-export", "-in", "server.pem", "-inkey", "server.key", "-out", "server.p12", "-passout", "pass:secret");
        // The proxy's own client certificate towards a broker that requires one; its key in SEC1 form, as
        // "openssl ecparam -genkey" writes it.
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "proxy.key");
        openssl("req", "-new", "-key", "proxy.key", "-out", "proxy.csr", "-subj", "/CN=cloudcut-proxy");
        openssl("x509", "-req", "-in", "proxy.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "proxy.pem", "-days", "2");
        for (String file : List.of("ca.pem", "server.pem", "server.key")) {
            Files.setPosixFilePermissions(certificates.resolve(file), PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    @Test
    void aCertificateMadeForTheRun_isTrustedThroughItsCaFile_andAFaultAimedAtAClientIdActsOnItsTlsConnection(
            @TempDir Path dir) throws Exception {
        Path ca = dir.resolve("proxy-ca.pem");
        try (Mosquitto mosquitto = Mosquitto.start();
             MosquittoClients.Subscription seen = MosquittoClients.subscribe(mosquitto.port(), "cloudcut/#");
             ProxyProcess proxy = ProxyProcess.start(mosquitto.port(), dir, "--tls", "--tls-ca-out", ca.toString())) {
            assertThat(proxy.output()).contains("Devices speak TLS to the proxy; they trust the CA in " + ca);
            String trust = ca.toString();

            assertThat(MosquittoClients.publishAs(proxy.devicePort(), "phone-1", "cloudcut/tls", "over-tls", "--cafile", trust))
                    .isZero();
            await().atMost(WAIT).until(() -> seen.payloads("cloudcut/tls").contains("over-tls"));
            assertThat(MosquittoClients.publishAs(proxy.devicePort(), "phone-1", "cloudcut/tls", "in-clear"))
                    .as("a client without TLS gets nowhere").isNotZero();

            HttpResponse<String> added = post(proxy.apiPort(), "/faults", "{\"type\":\"refuse-connect\",\"name\":\"no-robots\","
                    + "\"target\":{\"clients\":[\"robot-*\"]},\"attributes\":{\"reason\":\"not-authorized\"}}");
            assertThat(added.statusCode()).as(added.body()).isEqualTo(201);

            // mosquitto_pub exits with the CONNACK's reason code: the proxy read robot-2's CONNECT inside TLS.
            assertThat(MosquittoClients.publishAs(proxy.devicePort(), "robot-2", "cloudcut/tls", "refused", "--cafile", trust))
                    .isEqualTo(0x87);
            assertThat(MosquittoClients.publishAs(proxy.devicePort(), "phone-2", "cloudcut/tls", "still-through", "--cafile", trust))
                    .isZero();
            await().atMost(WAIT).until(() -> seen.payloads("cloudcut/tls").contains("still-through"));
            assertThat(seen.payloads("cloudcut/tls")).containsExactly("over-tls", "still-through");
            assertThat(proxy.output()).contains("connection-refused", "clientId=robot-2", "connack=135");
        }
        assertThat(ca).as("the CA handed to devices outlives the proxy").isRegularFile();
    }

    @Test
    void theUsersOwnCertificate_towardsDevices_andTlsWithAClientCertificateToABrokerThatTakesNothingElse(@TempDir Path dir)
            throws Exception {
        String ca = certificates.resolve("ca.pem").toString();
        List<String> tlsOnly = List.of("cafile " + ca, "certfile " + certificates.resolve("server.pem"),
                "keyfile " + certificates.resolve("server.key"), "require_certificate true", "allow_anonymous true",
                "persistence false");
        try (Mosquitto mosquitto = Mosquitto.start(tlsOnly);
             ProxyProcess proxy = ProxyProcess.start(mosquitto.port(), dir,
                     "--tls-cert", certificates.resolve("server.pem").toString(),
                     "--tls-key", certificates.resolve("server.key").toString(), "--upstream-cafile", ca,
                     "--upstream-cert", certificates.resolve("proxy.pem").toString(),
                     "--upstream-key", certificates.resolve("proxy.key").toString())) {
            assertThat(proxy.output()).contains("Devices speak TLS to the proxy.", "The proxy speaks TLS to the broker.");
            assertThat(MosquittoClients.publishAs(mosquitto.port(), "phone-1", "cloudcut/tls", "in-clear"))
                    .as("the broker takes TLS only").isNotZero();
            assertThat(MosquittoClients.publishAs(mosquitto.port(), "phone-1", "cloudcut/tls", "no-certificate", "--cafile", ca))
                    .as("and only with a client certificate").isNotZero();

            assertThat(MosquittoClients.publishAs(proxy.devicePort(), "phone-1", "cloudcut/tls", "through", "--cafile", ca))
                    .isZero();

            HttpResponse<String> added = post(proxy.apiPort(), "/faults", "{\"type\":\"refuse-connect\",\"name\":\"no-robots\","
                    + "\"target\":{\"clients\":[\"robot-*\"]},\"attributes\":{\"reason\":\"server-unavailable\"}}");
            assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
            assertThat(MosquittoClients.publishAs(proxy.devicePort(), "robot-1", "cloudcut/tls", "refused", "--cafile", ca))
                    .isEqualTo(0x88);
        }
    }

    @Test
    void aKeyStore_servesDevicesToo(@TempDir Path dir) throws Exception {
        String ca = certificates.resolve("ca.pem").toString();
        try (Mosquitto mosquitto = Mosquitto.start();
             ProxyProcess proxy = ProxyProcess.start(mosquitto.port(), dir,
                     "--tls-keystore", certificates.resolve("server.p12").toString(), "--tls-keystore-password", "secret")) {
            assertThat(MosquittoClients.publishAs(proxy.devicePort(), "phone-1", "cloudcut/tls", "through", "--cafile", ca))
                    .isZero();
        }
    }

    @Test
    void contradictoryOrUnreadableTlsOptions_areBadInput(@TempDir Path dir) {
        CliRun halfAPair = CliRun.of("proxy", "--listen", "127.0.0.1:0", "--upstream", "127.0.0.1:1883",
                "--tls-cert", certificates.resolve("server.pem").toString());
        assertThat(halfAPair.exitCode()).isEqualTo(CloudCutCommand.EXIT_BAD_INPUT);
        assertThat(halfAPair.errorLines()).containsExactly("error: --tls-cert and --tls-key go together");

        Path missing = dir.resolve("no-such-ca.pem");
        CliRun noCa = CliRun.of("proxy", "--listen", "127.0.0.1:0", "--upstream", "127.0.0.1:1883",
                "--upstream-cafile", missing.toString());
        assertThat(noCa.exitCode()).isEqualTo(CloudCutCommand.EXIT_BAD_INPUT);
        assertThat(noCa.errorLines()).containsExactly("error: cannot read certificates from " + missing + ": no such file");

        CliRun notAKey = CliRun.of("proxy", "--listen", "127.0.0.1:0", "--upstream", "127.0.0.1:1883",
                "--tls-cert", certificates.resolve("server.pem").toString(), "--tls-key", certificates.resolve("ca.pem").toString());
        assertThat(notAKey.exitCode()).isEqualTo(CloudCutCommand.EXIT_BAD_INPUT);
        assertThat(notAKey.errorLines()).singleElement().asString().contains("holds no unencrypted PEM private key");
    }

    private HttpResponse<String> post(int port, String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(WAIT)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void openssl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(certificates.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
