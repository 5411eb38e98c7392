package io.cloudcut.dashboard.mqtt;

import io.cloudcut.testing.CliRun;
import io.cloudcut.testing.Mosquitto;
import io.cloudcut.testing.MosquittoClients;
import io.cloudcut.testing.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A whole run watched from outside with {@code mosquitto_sub} on Mosquitto as the external broker
 * (the embedded one goes away with the run): the harness's status topics move with the run, the
 * devices' discovery configs are there while it runs, and are cleared when it ends unless
 * {@code --keep-discovery}.
 */
class RunOnMqttDashboardsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String SCENARIO = """
            name: dashboard-watch
            timeScale: 3600
            probe:
              rounds: 1
              timeout: 1500ms
            fleet:
              - model: vacuum-local-first
                count: 1
              - model: doorbell-local-chime
                count: 1
            phases:
              - name: baseline
                kind: baseline
                duration: 30m
              - name: outage
                kind: outage
                duration: 30m
                faults:
                  - service: ingest
                    fault: down
              - name: recovery
                kind: recovery
                duration: 30m
            """;
    private static final List<String> DEVICE_TOPICS = List.of("homeassistant/#", "valetudo/#", "ring/#");

    @Test
    void theHarnessShowsItsStatus_andClearsTheDevicesRetainedTopicsAtTheEnd(@TempDir Path dir) throws Exception {
        try (Mosquitto mosquitto = Mosquitto.start();
             MosquittoClients.Subscription live = MosquittoClients.subscribe(mosquitto.port(), "cloudcut/status/#",
                     "homeassistant/#")) {
            CliRun run = run(dir, mosquitto);
            assertThat(run.exitCode()).as("exit code; %s", run.transcript()).isZero();

            await().atMost(PATIENCE).until(() -> live.last("cloudcut/status/harness").filter("offline"::equals).isPresent());
            assertThat(live.payloads("cloudcut/status/phase")).containsSubsequence("baseline", "outage", "recovery", "finished");
            assertThat(live.payloads("cloudcut/status/faults")).contains("[\"down service ingest\"]", "[]");
            assertThat(live.payloads("cloudcut/status/connected/vacuum-local-first")).contains("1");
            assertThat(live.payloads("cloudcut/status/connected/doorbell-local-chime")).contains("1");
            assertThat(live.payloads("cloudcut/status/health")).containsSubsequence("unknown", "healthy");
            String vacuumConfig = "homeassistant/vacuum/cloudcut/vacuum-local-first-1_vacuum/config";
            assertThat(live.payloads(vacuumConfig)).as("published while the run went, then cleared")
                    .hasSize(2).last().isEqualTo("");

            try (MosquittoClients.Subscription after = retainedAfterTheRun(mosquitto)) {
                assertThat(after.received()).as("nothing of the devices' is retained")
                        .noneMatch(message -> message.topic().startsWith("homeassistant/")
                                || message.topic().startsWith("valetudo/") || message.topic().startsWith("ring/"));
            }
        }
    }

    @Test
    void withKeepDiscoveryTheConfigsStayAndTheDevicesShowOffline(@TempDir Path dir) throws Exception {
        try (Mosquitto mosquitto = Mosquitto.start()) {
            CliRun run = run(dir, mosquitto, "--keep-discovery");
            assertThat(run.exitCode()).as("exit code; %s", run.transcript()).isZero();

            try (MosquittoClients.Subscription after = retainedAfterTheRun(mosquitto)) {
                assertThat(after.received().stream().map(MosquittoClients.Message::topic).filter(topic -> topic.startsWith("homeassistant/")))
                        .containsExactlyInAnyOrder("homeassistant/vacuum/cloudcut/vacuum-local-first-1_vacuum/config",
                                "homeassistant/event/cloudcut/doorbell-local-chime-1_ding/config",
                                "homeassistant/binary_sensor/cloudcut/doorbell-local-chime-1_motion/config");
                assertThat(after.last("valetudo/vacuum-local-first-1/status")).contains("offline");
                assertThat(after.last("ring/doorbell-local-chime/camera/doorbell-local-chime-1/status")).contains("offline");
            }
        }
    }

    private static CliRun run(Path dir, Mosquitto mosquitto, String... more) throws Exception {
        Path scenario = Files.writeString(dir.resolve("dashboard-watch.yaml"), SCENARIO);
        List<String> args = new ArrayList<>(List.of("run", scenario.toString(), "--project-dir",
                Project.root().toString(), "--broker", mosquitto.uri()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    /**
     * What a dashboard that connects after the run gets: the retained messages, which the broker
     * sends as the subscription is made, before anything published later. A marker published after
     * the subscription is active is therefore the last to come.
     */
    private static MosquittoClients.Subscription retainedAfterTheRun(Mosquitto mosquitto) throws Exception {
        String marker = "cloudcut-test/marker";
        List<String> filters = new ArrayList<>(DEVICE_TOPICS);
        filters.add("cloudcut/status/phase");
        filters.add(marker);
        MosquittoClients.Subscription after = MosquittoClients.subscribe(mosquitto.port(), filters.toArray(String[]::new));
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            MosquittoClients.publish(mosquitto.port(), marker, "after the retained ones");
            return !after.payloads(marker).isEmpty();
        });
        assertThat(after.last("cloudcut/status/phase")).contains("finished");
        return after;
    }
}
