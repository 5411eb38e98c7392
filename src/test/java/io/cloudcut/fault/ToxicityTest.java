package io.cloudcut.fault;

import io.cloudcut.testing.Mosquitto;
import io.vertx.core.json.JsonObject;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A fault's toxicity: the share of connections it acts on, drawn from a seed, and clients chosen by pattern. */
class ToxicityTest {

    @Test
    void aSeededToxicity_drawsRoughlyItsShare_andTheSameConnectionsEveryTime() {
        Toxicity toxicity = new Toxicity(0.3, 42);

        long drawn = LongStream.rangeClosed(1, 10_000).filter(toxicity::draws).count();

        assertThat(drawn).isEqualTo(3_072);
        assertThat(LongStream.rangeClosed(1, 10_000).filter(new Toxicity(0.3, 42)::draws).count()).isEqualTo(drawn);
        assertThat(LongStream.rangeClosed(1, 10_000).filter(new Toxicity(0.3, 43)::draws).count()).isNotEqualTo(drawn);
        assertThat(LongStream.rangeClosed(1, 100).filter(new Toxicity(1, 7)::draws).count()).isEqualTo(100);
        assertThat(LongStream.rangeClosed(1, 100).filter(new Toxicity(0, 7)::draws).count()).isZero();
        assertThatThrownBy(() -> new Toxicity(7, 1)).hasMessageContaining("'toxicity' must be from 0 to 1, got 7");
    }

    @Test
    void clientPatterns_matchExactIdsAndGlobs() {
        assertThat(new ClientPattern("robot-*").matches("robot-17")).isTrue();
        assertThat(new ClientPattern("robot-*").matches("robot-")).isTrue();
        assertThat(new ClientPattern("robot-*").matches("my-robot-1")).isFalse();
        assertThat(new ClientPattern("bed-?").matches("bed-2")).isTrue();
        assertThat(new ClientPattern("bed-?").matches("bed-12")).isFalse();
        assertThat(new ClientPattern("a.b+c").matches("a.b+c")).isTrue();
        assertThat(new ClientPattern("a.b+c").matches("axbbc")).isFalse();
        assertThatThrownBy(() -> new ClientPattern("")).hasMessageContaining("must not be empty");
    }

    @Test
    void aResetWithToxicity_resetsTheDrawnConnectionsOnly_withPahoThroughTheProxy() throws Exception {
        try (Mosquitto mosquitto = Mosquitto.start();
             StandaloneProxy proxy = StandaloneProxy.start(0, "127.0.0.1", mosquitto.port(), "127.0.0.1", 0)) {
            FaultApiClient api = new FaultApiClient(proxy.apiPort());
            JsonObject added = api.addFault("{\"type\":\"reset\",\"name\":\"half\",\"toxicity\":0.5,\"seed\":42}");
            assertThat(added.getDouble("toxicity")).isEqualTo(0.5);
            assertThat(added.getLong("seed")).isEqualTo(42);

            // One connection an attempt: by default Paho tries 3.1.1, then 3.1 on a second connection.
            MqttConnectOptions options = new MqttConnectOptions();
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            List<Integer> refused = new ArrayList<>();
            for (int attempt = 1; attempt <= 20; attempt++) {
                MqttClient device = new MqttClient("tcp://127.0.0.1:" + proxy.link().port(), "device-" + attempt, new MemoryPersistence());
                try {
                    device.connect(options);
                    device.disconnect();
                } catch (MqttException reset) {
                    refused.add(attempt);
                } finally {
                    device.close(true);
                }
            }

            // Connection n is drawn from the seed and n alone: these, for seed 42, on every run.
            assertThat(refused).containsExactly(1, 2, 3, 4, 5, 6, 9, 10, 16, 19);
            assertThat(proxy.link().stats().reset()).isEqualTo(10);
            assertThat(api.getArray("/connections")).hasSize(20);
            assertThat(api.send("GET", "/faults/half", null).json()).isEqualTo(added);
        }
    }
}
