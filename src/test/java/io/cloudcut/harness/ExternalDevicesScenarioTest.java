package io.cloudcut.harness;

import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.FaultObserved;
import io.cloudcut.observation.Observation;
import io.cloudcut.observation.ObservationCodec;
import io.cloudcut.observation.ProbeObserved;
import io.cloudcut.observation.RecoveryObserved;
import io.cloudcut.report.FunctionReport;
import io.cloudcut.report.JsonReportWriter;
import io.cloudcut.report.ModelReport;
import io.cloudcut.report.ModelVerdict;
import io.cloudcut.report.RunReport;
import io.cloudcut.report.RunFold;
import io.cloudcut.testing.CliRun;
import io.cloudcut.testing.DeviceProcess;
import io.cloudcut.testing.FreePorts;
import io.cloudcut.testing.Mosquitto;
import io.cloudcut.testing.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scenario whose fleet holds two {@code cloudcut device} processes started outside CloudCut, beside
 * an emulated device of each of their models, through the short outage (its device clocks at the
 * scenario's 3600x): the functions started on the device are probed over HTTP on one, and over MQTT on
 * a home network's broker (a Mosquitto) on the other; app functions go through the emulated cloud
 * for both; and the report's rules, applied to each half of the run, give both halves the same verdicts;
 * the external devices' connections, seen at the proxy, give their reconnects as the emulated ones give theirs.
 */
class ExternalDevicesScenarioTest {

    private static final Map<String, String> EXTERNAL = Map.of(
            "bench-local-first", "vacuum-local-first",
            "bench-cloud-locked", "vacuum-cloud-locked");
    private static final Set<String> EMULATED = Set.of("vacuum-local-first-1", "vacuum-cloud-locked-1");
    private static final List<String> FUNCTIONS_ON_THE_DEVICE = List.of("clean-button", "scheduled-clean", "stop",
            "return-to-base", "status-report");

    @Test
    void externalDevicesGetTheVerdictsOfTheSameModelsRunAsEmulatedDevices(@TempDir Path dir) throws Exception {
        int localFirstListen = FreePorts.onLoopback();
        int cloudLockedListen = FreePorts.onLoopback();
        try (Mosquitto homeBroker = Mosquitto.start();
             DeviceProcess localFirst = DeviceProcess.start("bench-local-first", "vacuum-local-first",
                "tcp://127.0.0.1:" + localFirstListen, 3600, dir);
             DeviceProcess cloudLocked = DeviceProcess.start("bench-cloud-locked", "vacuum-cloud-locked",
                     "tcp://127.0.0.1:" + cloudLockedListen, 3600, dir,
                     "--local-broker", "tcp://127.0.0.1:" + homeBroker.port())) {
            cloudLocked.awaitHttpPort();
            Path scenario = dir.resolve("external-outage.yaml");
            Files.writeString(scenario, scenario(localFirstListen, localFirst.awaitHttpPort(),
                    cloudLockedListen, homeBroker.port()));
            Path reports = dir.resolve("report");

            CliRun run = CliRun.measured("run", scenario.toString(), "--project-dir", Project.root().toString(),
                    "--report-dir", reports.toString());

            assertThat(run.exitCode()).as("exit code; %s", run.transcript()).isZero();
            List<Observation> observations = ShippedScenario.observations(dir, "report");
            for (String device : EXTERNAL.keySet()) {
                assertThat(observations).filteredOn(ProbeObserved.class::isInstance).map(ProbeObserved.class::cast)
                        .filteredOn(probe -> probe.device().equals(device))
                        .extracting(ProbeObserved::phase).contains("baseline", "outage", "recovery");
                assertThat(observations).filteredOn(RecoveryObserved.class::isInstance).map(RecoveryObserved.class::cast)
                        .filteredOn(recovery -> recovery.device().equals(device))
                        .singleElement().satisfies(recovery -> assertThat(recovery.recovered()).isTrue());
            }
            RunReport whole = JsonReportWriter.read(reports.resolve("report.json"));
            assertThat(whole.models()).extracting(ModelReport::devices).containsOnly(2);
            assertThat(whole.model("vacuum-cloud-locked").verdict()).as(failures(whole, "vacuum-cloud-locked"))
                    .isEqualTo(ModelVerdict.FAIL_CLOSED);
            assertThat(whole.model("vacuum-local-first").verdict()).as(failures(whole, "vacuum-local-first"))
                    .isEqualTo(ModelVerdict.LOCAL_FUNCTION_KEPT);
            assertThat(run.out()).contains("vacuum-local-first", "vacuum-cloud-locked");
            assertThat(Files.readString(reports.resolve("report.html"))).contains("vacuum-cloud-locked");

            RunReport externalOnly = RunFold.of(without(observations, EMULATED)).report();
            RunReport emulatedOnly = RunFold.of(without(observations, EXTERNAL.keySet())).report();
            for (String model : EXTERNAL.values()) {
                ModelReport external = externalOnly.model(model);
                ModelReport emulated = emulatedOnly.model(model);
                assertThat(external.verdict()).as(model + ": external " + failures(externalOnly, model) + "; emulated "
                        + failures(emulatedOnly, model)).isEqualTo(emulated.verdict());
                assertThat(external.phases()).as(model + " by phase").isEqualTo(emulated.phases());
                for (FunctionReport function : emulated.functions()) {
                    assertThat(external.function(function.name()).verdict()).as(model + " " + function.name())
                            .isEqualTo(function.verdict());
                    assertThat(external.function(function.name()).phases().get("baseline").failed())
                            .as(model + " " + function.name() + " in the baseline").isZero();
                }
                assertThat(external.recovery().notBack()).as(model + " external devices not back").isEmpty();
                assertThat(external.reconnect().devicesReconnected())
                        .as(model + ": the external device's reconnect, seen at the proxy, counts as the emulated one's does; "
                                + connectionsAndLinkFaults(observations, model))
                        .isEqualTo(emulated.reconnect().devicesReconnected()).isEqualTo(1);
            }
            for (String device : EXTERNAL.keySet()) {
                assertThat(observations).filteredOn(ConnectionObserved.class::isInstance).map(ConnectionObserved.class::cast)
                        .filteredOn(connection -> connection.device().equals(device))
                        .extracting(ConnectionObserved::change).as(device + "'s connections, seen at the proxy")
                        .startsWith(ConnectionObserved.Change.UP).contains(ConnectionObserved.Change.DOWN).endsWith(ConnectionObserved.Change.UP);
            }
        }
    }

    /**
     * The shipped short outage, its timeline as it is, with one emulated and one external device of each
     * model; its expectations are about models not here.
     */
    private static String scenario(int localFirstListen, int localFirstHttp, int cloudLockedListen, int homeBroker)
            throws IOException {
        String shortOutage = Files.readString(Project.file("scenarios/short-outage.yaml"));
        String timeline = shortOutage.substring(shortOutage.indexOf("\nphases:"), shortOutage.indexOf("\nexpect:"));
        return shortOutage.substring(0, shortOutage.indexOf("\nfleet:")).replace("name: short-outage", "name: external-outage")
                + "\nfleet:\n  - model: vacuum-local-first\n  - model: vacuum-cloud-locked\nexternal:\n"
                + vacuum("bench-local-first", "vacuum-local-first", localFirstListen, localFirstHttp) + "\n"
                + vacuumOnHomeBroker("bench-cloud-locked", "vacuum-cloud-locked", cloudLockedListen, homeBroker)
                + timeline + "\n";
    }

    /** An external vacuum whose functions started on the device are taken on the home network's MQTT broker. */
    private static String vacuumOnHomeBroker(String id, String model, int listen, int homeBroker) {
        StringBuilder yaml = new StringBuilder(external(id, model, listen));
        for (String function : FUNCTIONS_ON_THE_DEVICE) {
            yaml.append("      ").append(function).append(":\n        mqtt: {broker: \"tcp://127.0.0.1:").append(homeBroker)
                    .append("\", topic: cloudcut/local/").append(id).append("/functions/").append(function)
                    .append(", answerTopic: cloudcut/local/").append(id).append("/answers, okField: ok}\n");
        }
        return yaml.toString().stripTrailing();
    }

    private static String external(String id, String model, int listen) {
        return "  - id: " + id + "\n    model: " + model + "\n    listen: 127.0.0.1:" + listen
                + "\n    timeScale: 3600\n    probes:\n";
    }

    /** An external vacuum whose functions started on the device are the device process's HTTP functions. */
    static String vacuum(String id, String model, int listen, int http) {
        StringBuilder yaml = new StringBuilder(external(id, model, listen));
        for (String function : FUNCTIONS_ON_THE_DEVICE) {
            yaml.append("      ").append(function).append(":\n        http: {url: \"http://127.0.0.1:").append(http)
                    .append("/functions/").append(function)
                    .append("\", body: '{\"probeId\": \"{probeId}\"}', okField: ok}\n");
        }
        return yaml.toString().stripTrailing();
    }

    /** Each function's verdict and last failure: what a verdict that differs is made of. */
    private static String failures(RunReport report, String model) {
        return report.model(model).functions().stream()
                .map(function -> function.name() + " " + function.verdict() + " (" + function.lastFailure() + ")").toList()
                .toString();
    }

    /** The model's connection changes and the link faults, in order: what a reconnect is counted from. */
    private static String connectionsAndLinkFaults(List<Observation> observations, String model) {
        return observations.stream()
                .filter(observation -> observation instanceof ConnectionObserved connection && connection.model().equals(model)
                        || observation instanceof FaultObserved fault && fault.onConnections())
                .map(observation -> ObservationCodec.encode(observation).encode()).toList().toString();
    }

    /** The run as if the named devices had not been in it: the report's rules applied to the rest. */
    static List<Observation> without(List<Observation> observations, Set<String> devices) {
        return observations.stream()
                .filter(observation -> {
                    String device = ObservationCodec.encode(observation).getString("device");
                    return device == null || !devices.contains(device);
                })
                .toList();
    }

}
