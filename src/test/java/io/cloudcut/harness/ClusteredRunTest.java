package io.cloudcut.harness;

import io.cloudcut.report.JsonReportWriter;
import io.cloudcut.report.ModelReport;
import io.cloudcut.report.RunReport;
import io.cloudcut.testing.CliRun;
import io.cloudcut.testing.Project;
import io.cloudcut.testing.RunsAlone;
import io.cloudcut.testing.WorkerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short outage with its devices on two worker JVMs of a Hazelcast cluster on loopback, this
 * process coordinating: the merged report counts every device once and comes out as the same
 * scenario does in one process ({@link OutageRunEndToEndTest} checks these verdicts there). At 1200x,
 * not the scenario's 3600x: three JVMs compiling their code at once on two cores lag the baseline of
 * a cold cluster at 3600x past the health check's bound (measured: 485 ms p99), and the run rightly
 * gives no verdicts.
 */
@RunsAlone
class ClusteredRunTest {

    @TempDir
    static Path dir;

    static final List<WorkerProcess> workers = new ArrayList<>();
    static CliRun run;
    static RunReport report;

    @BeforeAll
    static void runTheShortOutageOnTwoWorkers() throws Exception {
        int coordinator = freePort();
        int first = freePort();
        int second = freePort();
        String members = "127.0.0.1:" + coordinator + ",127.0.0.1:" + first + ",127.0.0.1:" + second;
        workers.add(WorkerProcess.start("w1", first, members, dir));
        workers.add(WorkerProcess.start("w2", second, members, dir));
        workers.forEach(WorkerProcess::awaitReady);
        run = CliRun.of("run", "scenarios/short-outage.yaml", "--project-dir", Project.root().toString(),
                "--workers", "2", "--cluster", members, "--cluster-port", String.valueOf(coordinator), "--time-scale", "1200",
                "--report-dir", dir.resolve("report").toString());
        assertThat(run.exitCode()).as("exit code; stderr:%n%s%nworkers:%n%s", run.err(), workerOutput()).isZero();
        report = JsonReportWriter.read(dir.resolve("report/report.json"));
    }

    @AfterAll
    static void stopTheWorkers() {
        workers.forEach(WorkerProcess::close);
    }

    @Test
    void theVerdictsAreThoseOfTheSameScenarioInOneProcess() {
        OutageVerdicts.assertShortOutageVerdicts(report);
    }

    @Test
    void eachWorkerHostedItsShareOfEveryModelAndStoppedIt() throws IOException {
        for (WorkerProcess worker : workers) {
            assertThat(worker.output()).contains("starting 4 devices", "stopped 4 devices (the run ended)");
        }
        assertThat(run.err()).contains("roll call: 2 workers", "8 devices on workers w1, w2");
    }

    /** Every device's final account arrives once, from whichever worker ran it, and balances with the cloud's. */
    @Test
    void theMergedObservationsCountEveryDeviceOnce() throws IOException {
        List<String> accounts = Files.readAllLines(dir.resolve("report/observations.jsonl")).stream()
                .filter(line -> line.contains("\"type\":\"events\"")).toList();
        Map<String, Long> perDevice = accounts.stream().map(line -> line.replaceFirst(".*\"device\":\"([^\"]+)\".*", "$1"))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(perDevice).hasSize(8).allSatisfy((device, count) -> assertThat(count).as(device).isEqualTo(1));
        assertThat(report.models()).extracting(ModelReport::devices).containsOnly(2);
        assertThat(report.models()).allSatisfy(model -> assertThat(model.events().balanced()).as(model.model()).isTrue());
    }

    /** Only the coordinator says what ran and when it ended; the workers' observations fall in between. */
    @Test
    void theMergedStreamAloneGivesBackTheReport() throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("report/observations.jsonl"));
        assertThat(lines.stream().filter(line -> line.contains("\"type\":\"run-started\""))).hasSize(1);
        assertThat(lines.get(0)).contains("\"type\":\"run-started\"");
        assertThat(lines.get(lines.size() - 1)).contains("\"type\":\"run-ended\"");
        Path again = Files.createDirectories(dir.resolve("again"));
        Files.copy(dir.resolve("report/observations.jsonl"), again.resolve("observations.jsonl"));

        CliRun report = CliRun.of("report", again.toString());

        assertThat(report.exitCode()).as("stderr:%n%s", report.err()).isZero();
        assertThat(Files.readString(again.resolve("report.json"))).isEqualTo(Files.readString(dir.resolve("report/report.json")));
    }

    @Test
    void theHarnessFiguresIncludeTheWorkers() {
        assertThat(run.err()).contains("harness over the baseline", "-> healthy");
        assertThat(report.harness().baseline().healthy()).isTrue();
    }

    private static String workerOutput() throws IOException {
        StringBuilder all = new StringBuilder();
        for (WorkerProcess worker : workers) {
            all.append(worker.output());
        }
        return all.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
