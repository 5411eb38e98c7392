package io.cloudcut.scenario;

import io.cloudcut.testing.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code external:} section of a scenario: devices CloudCut does not run, and how they are probed. */
class ExternalDevicesLoadingTest {

    private final ScenarioLoader loader = new ScenarioLoader(Project.root());

    /** A doorbell whose chime, motion alert and push notification start on the device; its live view comes from the app. */
    private static final String DOORBELL = """
            name: bench
            external:
              - id: bench-doorbell
                model: doorbell-cloud-only
                listen: 127.0.0.1:18831
                probes:
                  chime:
                    http: {url: "http://127.0.0.1:8081/functions/chime", body: '{"probeId": "{probeId}"}', okField: ok}
                  motion-alert:
                    http: {method: put, url: "http://localhost:8081/motion", okStatus: 204}
                  push-notification:
                    http: {url: "http://127.0.0.1:8081/functions/push-notification"}
            phases:
              - {name: baseline, kind: baseline, duration: 1h}
              - name: outage
                kind: outage
                duration: 1h
                faults:
                  - {link: doorbell-cloud-only, fault: blackhole}
                  - {fault: latency, attributes: {latency: 100}, devices: [bench-doorbell]}
            """;

    @Test
    void aScenarioOfExternalDevicesOnlyLoadsWithTheirModelsAndProbes(@TempDir Path dir) throws Exception {
        Scenario scenario = loader.load(write(dir, DOORBELL));

        assertThat(scenario.fleet()).isEmpty();
        assertThat(scenario.deviceCount()).isEqualTo(1);
        assertThat(scenario.models()).containsOnlyKeys("doorbell-cloud-only");
        assertThat(scenario.devicesByModel()).containsExactly(new FleetEntry("doorbell-cloud-only", 1));
        ExternalDevice doorbell = scenario.external().get(0);
        assertThat(doorbell.listenPort()).isEqualTo(18831);
        assertThat(doorbell.timeScale()).as("a device runs on real time unless said").isEqualTo(1.0);
        HttpProbe chime = doorbell.probes().get("chime").http();
        assertThat(chime.method()).isEqualTo("POST");
        assertThat(chime.okStatus()).isEqualTo(200);
        assertThat(chime.bodyFor("p7")).isEqualTo("{\"probeId\": \"p7\"}");
        HttpProbe motion = doorbell.probes().get("motion-alert").http();
        assertThat(motion.method()).isEqualTo("PUT");
        assertThat(motion.okStatus()).isEqualTo(204);
        assertThat(motion.bodyFor("p7")).isEmpty();
    }

    @Test
    void emulatedAndExternalDevicesOfOneModelAreCountedTogether(@TempDir Path dir) throws Exception {
        Scenario scenario = loader.load(write(dir, DOORBELL.replace("external:",
                "fleet: [{model: doorbell-cloud-only, count: 2}, {model: vacuum-local-first}]\nexternal:")));

        assertThat(scenario.deviceCount()).isEqualTo(4);
        assertThat(scenario.devicesByModel()).containsExactly(new FleetEntry("doorbell-cloud-only", 3),
                new FleetEntry("vacuum-local-first", 1));
    }

    @Test
    void aDevicesTimeScaleIsRead_andOneThatIsNotAboveZeroIsRefusedAtItsLine(@TempDir Path dir) throws Exception {
        String atScale = DOORBELL.replace("    listen: 127.0.0.1:18831\n", "    listen: 127.0.0.1:18831\n    timeScale: 3600\n");
        assertThat(loader.load(write(dir, atScale)).external().get(0).timeScale()).isEqualTo(3600.0);

        Path file = write(dir, atScale.replace("timeScale: 3600", "timeScale: 0"));
        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith(file + ":6:").hasMessageContaining("external[0].timeScale: timeScale must be a positive");
    }

    @Test
    void aListenAddressOffLoopbackIsRefusedAtItsLine(@TempDir Path dir) throws IOException {
        Path file = write(dir, DOORBELL.replace("listen: 127.0.0.1:18831", "listen: 0.0.0.0:18831"));
        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith(file + ":5:").hasMessageContaining("external[0].listen: listen must be 127.0.0.1:PORT");
    }

    @Test
    void aProbeOffLoopbackIsRefusedAtItsLine(@TempDir Path dir) throws IOException {
        Path file = write(dir, DOORBELL.replace("http://localhost:8081/motion", "http://192.168.1.20/motion"));
        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith(file + ":10:")
                .hasMessageContaining("external[0].probes.motion-alert.http.url: url must be http://127.0.0.1:PORT/");
    }

    @Test
    void aFunctionMayBeProbedOnTheHomeNetworksBroker_withTheProbesIdAsItsDefaultPayload(@TempDir Path dir) throws Exception {
        Scenario scenario = loader.load(write(dir, DOORBELL.replace(
                "http: {url: \"http://127.0.0.1:8081/functions/chime\", body: '{\"probeId\": \"{probeId}\"}', okField: ok}",
                "mqtt: {broker: \"tcp://127.0.0.1:1884\", topic: doorbell/chime/set, answerTopic: doorbell/answers, okField: ok}")));

        ExternalProbe chime = scenario.external().get(0).probes().get("chime");
        assertThat(chime.http()).isNull();
        MqttProbe mqtt = chime.mqtt();
        assertThat(mqtt.host()).isEqualTo("127.0.0.1");
        assertThat(mqtt.port()).isEqualTo(1884);
        assertThat(mqtt.payloadFor("p7")).isEqualTo("{\"probeId\": \"p7\"}");
        assertThat(mqtt.answersNameTheProbe()).isTrue();
        assertThat(new MqttProbe("tcp://localhost:1884", "t", "ring", "a", null).answersNameTheProbe())
                .as("a payload without the probe's id takes the next answer").isFalse();
    }

    @Test
    void anMqttProbeOffLoopbackWithAWildcardOrBesideAnHttpOneIsRefusedAtItsLine(@TempDir Path dir) throws IOException {
        String http = "http: {url: \"http://127.0.0.1:8081/functions/chime\", body: '{\"probeId\": \"{probeId}\"}', okField: ok}";
        Path offLoopback = write(dir, DOORBELL.replace(http,
                "mqtt: {broker: \"tcp://192.168.1.2:1883\", topic: chime/set, answerTopic: chime/answers}"));
        assertThatThrownBy(() -> loader.load(offLoopback)).isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith(offLoopback + ":8:")
                .hasMessageContaining("external[0].probes.chime.mqtt.broker: broker must be tcp://127.0.0.1:PORT");
        Path wildcard = write(dir, DOORBELL.replace(http,
                "mqtt: {broker: \"tcp://127.0.0.1:1883\", topic: chime/set, answerTopic: chime/+}"));
        assertThatThrownBy(() -> loader.load(wildcard)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("external[0].probes.chime.mqtt.answerTopic: answerTopic must be a topic name, without wildcards");
        Path both = write(dir, DOORBELL.replace(http, http
                + "\n        mqtt: {broker: \"tcp://127.0.0.1:1883\", topic: chime/set, answerTopic: chime/answers}"));
        assertThatThrownBy(() -> loader.load(both)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("external[0].probes.chime: a probe needs exactly one of http, mqtt and state, got 2");
    }

    @Test
    void everyFunctionStartedOnTheDeviceNeedsAProbe(@TempDir Path dir) throws IOException {
        Path file = write(dir, DOORBELL.replace("""
                      push-notification:
                        http: {url: "http://127.0.0.1:8081/functions/push-notification"}
                """, ""));
        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith(file + ":6:")
                .hasMessageContaining("external[0].probes: no probe for push-notification");
    }

    @Test
    void anAppFunctionTakesOnlyAStateProbe_andAnUnknownOneNoProbe(@TempDir Path dir) throws Exception {
        Path app = write(dir, DOORBELL.replace("motion-alert:", "live-view:"));
        assertThatThrownBy(() -> loader.load(app)).isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith(app + ":9:")
                .hasMessageContaining("external[0].probes.live-view: function 'live-view' is started by the app, through "
                        + "the cloud's commands: its probe can only say on which state topic");
        Path unknown = write(dir, DOORBELL.replace("motion-alert:", "toast:"));
        assertThatThrownBy(() -> loader.load(unknown)).hasMessageStartingWith(unknown + ":9:")
                .hasMessageContaining("model doorbell-cloud-only has no function 'toast' (its functions: "
                        + "chime, motion-alert, push-notification, live-view)");

        String withState = DOORBELL.replace("phases:", """
                              live-view:
                                state: {topic: home/bench-doorbell/state, field: stream, value: "on"}
                        phases:""");
        StateProbe state = loader.load(write(dir, withState)).external().get(0).probes().get("live-view").state();
        assertThat(state.topic()).isEqualTo("home/bench-doorbell/state");
        assertThat(state.means("on")).isTrue();
        assertThat(state.means("off")).isFalse();

        Path onTheDevice = write(dir, DOORBELL.replace("""
                    http: {url: "http://127.0.0.1:8081/functions/chime", body: '{"probeId": "{probeId}"}', okField: ok}""",
                """
                    state: {topic: home/bench-doorbell/state, field: ringing, value: true}"""));
        assertThatThrownBy(() -> loader.load(onTheDevice)).hasMessageStartingWith(onTheDevice + ":7:")
                .hasMessageContaining("function 'chime' is started on the device: its probe is http or mqtt");
        Path wildcard = write(dir, withState.replace("home/bench-doorbell/state", "home/+/state"));
        assertThatThrownBy(() -> loader.load(wildcard)).hasMessageContaining("topic must be a topic name, without wildcards");
    }

    @Test
    void anExternalIdOrPortTakenTwiceIsRefused(@TempDir Path dir) throws IOException {
        Path clash = write(dir, DOORBELL.replace("external:", "fleet: [{model: vacuum-local-first}]\nexternal:")
                .replace("id: bench-doorbell", "id: vacuum-local-first-1"));
        assertThatThrownBy(() -> loader.load(clash)).hasMessageStartingWith(clash + ":4:")
                .hasMessageContaining("external[0].id: device id 'vacuum-local-first-1' is used twice");
        Path port = write(dir, DOORBELL.replace("\nphases:", """

                  - id: bench-doorbell-2
                    model: vacuum-local-first
                    listen: 127.0.0.1:18831
                phases:"""));
        assertThatThrownBy(() -> loader.load(port)).hasMessageContaining("external[1].listen: port 18831");
    }

    @Test
    void anUnknownModelAndNoDevicesAtAllAreRefused(@TempDir Path dir) throws IOException {
        Path model = write(dir, DOORBELL.replace("model: doorbell-cloud-only", "model: toaster"));
        assertThatThrownBy(() -> loader.load(model)).hasMessageStartingWith(model + ":4:")
                .hasMessageContaining("external[0].model: unknown device model 'toaster'");
        Path none = write(dir, "name: x\nphases: [{name: b, kind: baseline, duration: 1h}]\n");
        assertThatThrownBy(() -> loader.load(none)).hasMessageContaining("a scenario needs devices");
    }

    private static Path write(Path dir, String text) throws IOException {
        return Files.writeString(dir.resolve("external.yaml"), text);
    }
}
