package io.cloudcut.harness;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import io.cloudcut.observation.Observation;
import io.cloudcut.observation.ProbeObserved;
import io.cloudcut.observation.ProbeOutcome;
import io.cloudcut.report.JsonReportWriter;
import io.cloudcut.report.ModelVerdict;
import io.cloudcut.report.RunReport;
import io.cloudcut.report.RunFold;
import io.cloudcut.testing.CliRun;
import io.cloudcut.testing.FreePorts;
import io.cloudcut.testing.Project;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An external device that shows the effect of an app command on a state topic of its own instead of
 * replying to the cloud's commands: a real MQTT client (HiveMQ's) through the harness's proxy, and the
 * commands service down in the outage, beside an emulated camera of the same model that replies to
 * the cloud as emulated devices do. The probe waits for the state, and the verdicts, from the same
 * rules, are the same for both.
 */
class ExternalStateAnswersTest {

    private static final String CAMERA = """
            kind: doorbell
            description: A camera whose live view the app starts; it shows on its state topic, and replies to nobody
            client: vertx
            functions:
              - name: live-view
                path: cloud
                needs: [commands]
                role: primary
            """;

    @Test
    void anAppFunctionAnsweredOnTheDevicesStateTopic_worksWithTheCloud_andFailsClosedWithoutIt(@TempDir Path project)
            throws Exception {
        copyTheProjectsFiles(project);
        Files.writeString(project.resolve("devices/app-camera.yaml"), CAMERA);
        int listen = FreePorts.onLoopback();
        Path scenario = Files.writeString(project.resolve("state-answers.yaml"), """
                name: state-answers
                timeScale: 60
                probe: {rounds: 2, timeout: 1500ms}
                fleet:
                  - model: app-camera
                external:
                  - id: bench-cam
                    model: app-camera
                    listen: 127.0.0.1:%d
                    timeScale: 60
                    probes:
                      live-view:
                        state: {topic: home/bench-cam/state, field: stream, value: "on"}
                phases:
                  - {name: baseline, kind: baseline, duration: 5m}
                  - name: outage
                    kind: outage
                    duration: 5m
                    faults:
                      - {service: commands, fault: down}
                  - {name: recovery, kind: recovery, duration: 5m}
                """.formatted(listen));
        Mqtt3AsyncClient camera = answeringCamera(listen);
        try {
            CliRun run = CliRun.of("run", scenario.toString(), "--project-dir", project.toString(),
                    "--report-dir", project.resolve("report").toString());

            assertThat(run.exitCode()).as("exit code; %s", run.transcript()).isZero();
            List<Observation> observations = ShippedScenario.observations(project, "report");
            List<ProbeObserved> probes = observations.stream()
                    .filter(ProbeObserved.class::isInstance).map(ProbeObserved.class::cast)
                    .filter(probe -> probe.device().equals("bench-cam") && !probe.settling()).toList();
            assertThat(probes).filteredOn(probe -> probe.phase().equals("baseline")).isNotEmpty()
                    .allSatisfy(probe -> assertThat(probe.outcome()).isEqualTo(ProbeOutcome.OK))
                    .allSatisfy(probe -> assertThat(probe.detail()).isEqualTo("stream = on on home/bench-cam/state"));
            assertThat(probes).filteredOn(probe -> probe.phase().equals("outage")).isNotEmpty()
                    .allSatisfy(probe -> assertThat(probe.outcome()).isNotEqualTo(ProbeOutcome.OK));
            assertThat(probes).filteredOn(probe -> probe.phase().equals("recovery")).isNotEmpty()
                    .allSatisfy(probe -> assertThat(probe.outcome()).isEqualTo(ProbeOutcome.OK));
            RunReport report = JsonReportWriter.read(project.resolve("report/report.json"));
            assertThat(report.model("app-camera").devices()).isEqualTo(2);
            assertThat(report.model("app-camera").verdict()).isEqualTo(ModelVerdict.CLOUD_DEPENDENT);
            RunReport externalOnly = RunFold.of(ExternalDevicesScenarioTest.without(observations, Set.of("app-camera-1"))).report();
            RunReport emulatedOnly = RunFold.of(ExternalDevicesScenarioTest.without(observations, Set.of("bench-cam"))).report();
            assertThat(externalOnly.model("app-camera").verdict()).as("the external camera, answering on its state topic")
                    .isEqualTo(emulatedOnly.model("app-camera").verdict()).isEqualTo(ModelVerdict.CLOUD_DEPENDENT);
            assertThat(externalOnly.model("app-camera").phases()).isEqualTo(emulatedOnly.model("app-camera").phases());
        } finally {
            camera.disconnect().exceptionally(notConnected -> null).get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * The device: it takes commands on its command topic and shows the live view as on, naming the
     * request, on its state topic; it replies nothing to the cloud. It connects (and reconnects) once
     * the harness's proxy listens for it.
     */
    private static Mqtt3AsyncClient answeringCamera(int listen) {
        Mqtt3AsyncClient camera = Mqtt3Client.builder().identifier("bench-cam").serverHost("127.0.0.1").serverPort(listen)
                .automaticReconnect().initialDelay(100, TimeUnit.MILLISECONDS).maxDelay(1, TimeUnit.SECONDS)
                .applyAutomaticReconnect()
                .buildAsync();
        camera.publishes(MqttGlobalPublishFilter.SUBSCRIBED, command -> {
            String requestId = new JsonObject(new String(command.getPayloadAsBytes(), StandardCharsets.UTF_8))
                    .getString("requestId");
            camera.publishWith().topic("home/bench-cam/state").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(new JsonObject().put("stream", "on").put("requestId", requestId).toBuffer().getBytes())
                    .send();
        });
        camera.toAsync().connectWith().cleanSession(false).send()
                .whenComplete((connected, failed) -> camera.subscribeWith()
                        .topicFilter("cloudcut/devices/bench-cam/command").qos(MqttQos.AT_LEAST_ONCE).send());
        return camera;
    }

    private static void copyTheProjectsFiles(Path project) throws IOException {
        for (String dir : new String[] {"devices", "clouds", "broker-config"}) {
            Files.createDirectories(project.resolve(dir));
            try (var files = Files.list(Project.file(dir))) {
                for (Path file : files.toList()) {
                    Files.copy(file, project.resolve(dir).resolve(file.getFileName()));
                }
            }
        }
    }
}
