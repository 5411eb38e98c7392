package io.cloudcut.cli;

import io.cloudcut.testing.Project;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code cloudcut broker} serves MQTT clients on the port asked for until it is stopped. */
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

        Vertx vertx = Vertx.vertx();
        try {
            MqttClient client = MqttClient.create(vertx);
            client.connect(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(client.isConnected()).isTrue();
            client.disconnect().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        command.stopped.countDown();
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    }
}
