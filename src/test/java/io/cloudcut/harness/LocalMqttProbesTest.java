package io.cloudcut.harness;

import io.cloudcut.device.LocalFunctionsMqtt;
import io.cloudcut.device.StandaloneDevice;
import io.cloudcut.observation.ProbeOutcome;
import io.cloudcut.scenario.MqttProbe;
import io.cloudcut.scenario.ScenarioLoader;
import io.cloudcut.testing.Mosquitto;
import io.cloudcut.testing.Project;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Probes on a home network's MQTT broker (a real Mosquitto) of an emulated device that takes its local
 * functions there ({@code cloudcut device --local-broker}), as the harness sends them to an external
 * device: done, refused, unanswered, and two in flight at once each given its own answer.
 */
class LocalMqttProbesTest {

    private static final String DEVICE = "bench-vacuum";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static Mosquitto homeBroker;
    private static StandaloneDevice device;
    private static Vertx vertx;
    private static LocalMqttProbes probes;
    private static String broker;

    @BeforeAll
    static void startTheDeviceOnItsHomeNetwork() throws Exception {
        homeBroker = Mosquitto.start();
        broker = "tcp://127.0.0.1:" + homeBroker.port();
        // Its cloud broker is the same Mosquitto: what matters here is only the home network's.
        device = get(StandaloneDevice.start(DEVICE, new ScenarioLoader(Project.root()).loadModel("vacuum-local-first"),
                "127.0.0.1", homeBroker.port(), 0, new InetSocketAddress("127.0.0.1", homeBroker.port()), 1, observed -> { }));
        vertx = Vertx.vertx();
        probes = get(LocalMqttProbes.connect(vertx, List.of(probe("clean-button"), probe("stop"), probe("clean-from-app"),
                new MqttProbe(broker, "nobody/listens", null, "nobody/answers", "ok"))));
    }

    @AfterAll
    static void stop() throws Exception {
        get(probes.close());
        get(vertx.close());
        device.stop(Duration.ofSeconds(20));
        homeBroker.close();
    }

    @Test
    void aFunctionOnTheDeviceWorksAndSaysWhatItDid() throws Exception {
        assertThat(get(probes.stimulate(probe("clean-button"), "p-clean", TIMEOUT))).isNotBlank();
    }

    @Test
    void aFunctionTheDeviceDoesNotStartLocallyIsItsRefusal() {
        assertThatThrownBy(() -> get(probes.stimulate(probe("clean-from-app"), "p-app", TIMEOUT)))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOfSatisfying(Prober.ProbeRefused.class,
                        refused -> assertThat(refused.outcome()).isEqualTo(ProbeOutcome.REFUSED))
                .hasMessageStartingWith("MQTT answer: ");
    }

    @Test
    void noAnswerIsATimeOut_notARefusal() {
        MqttProbe unanswered = new MqttProbe(broker, "nobody/listens", null, "nobody/answers", "ok");
        assertThatThrownBy(() -> get(probes.stimulate(unanswered, "p-silent", Duration.ofMillis(500))))
                .isInstanceOf(ExecutionException.class).cause().isNotInstanceOf(Prober.ProbeRefused.class)
                .hasMessageContaining("did not answer on nobody/answers within 500 ms");
    }

    @Test
    void twoProbesInFlightOnOneAnswerTopicEachGetTheirOwnAnswer() throws Exception {
        Future<String> clean = probes.stimulate(probe("clean-button"), "p-first", TIMEOUT);
        Future<String> app = probes.stimulate(probe("clean-from-app"), "p-second", TIMEOUT);

        assertThat(get(clean)).isNotBlank();
        assertThatThrownBy(() -> get(app)).cause().isInstanceOf(Prober.ProbeRefused.class);
    }

    private static MqttProbe probe(String function) {
        return new MqttProbe(broker, LocalFunctionsMqtt.functionTopic(DEVICE, function), null,
                LocalFunctionsMqtt.answerTopic(DEVICE), "ok");
    }

    private static <T> T get(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
