package io.cloudcut.cli;

import io.cloudcut.testing.Project;
import io.vertx.core.Vertx;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code cloudcut broker} serves MQTT clients on the port asked for until it is stopped, over TLS too with {@code --tls}. */
class BrokerCommandTest {

    @Test
    void theEmbeddedBrokerServesClientsUntilStopped() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        BrokerCommand command = new BrokerCommand();
        CommandLine commandLine = new CommandLine(command);
        StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> commandLine.execute(
                "--broker-port", String.valueOf(port), "--project-dir", Project.root().toString()));
        await().atMost(Duration.ofSeconds(30)).until(() -> out.toString().contains("tcp://127.0.0.1:" + port));

        assertAClientConnects(new MqttClientOptions(), port);
        command.stopped.countDown();
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void withTls_clientsTrustingThePrintedCaConnectOverTls_andTheCertificatesGoWhenItStops() throws Exception {
        BrokerCommand command = new BrokerCommand();
        CommandLine commandLine = new CommandLine(command);
        StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> commandLine.execute(
                "--tls", "--project-dir", Project.root().toString()));
        await().atMost(Duration.ofSeconds(30)).until(() -> out.toString().contains("Over TLS"));
        Matcher printed = Pattern.compile("Over TLS: 127\\.0\\.0\\.1:(\\d+), trusting (\\S+ca\\.pem)").matcher(out.toString());
        assertThat(printed.find()).as(out.toString()).isTrue();
        int tlsPort = Integer.parseInt(printed.group(1));
        Path ca = Path.of(printed.group(2));

        assertAClientConnects(new MqttClientOptions().setSsl(true).setHostnameVerificationAlgorithm("HTTPS")
                .setTrustOptions(new PemTrustOptions().addCertPath(ca.toString())), tlsPort);
        command.stopped.countDown();
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(ca.getParent()).doesNotExist();
    }

    private static void assertAClientConnects(MqttClientOptions options, int port) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            MqttClient client = MqttClient.create(vertx, options);
            client.connect(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(client.isConnected()).isTrue();
            client.disconnect().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
