package io.cloudcut.harness;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cloudcut.report.JsonReportWriter;
import io.cloudcut.report.ModelReport;
import io.cloudcut.report.RunReport;
import io.cloudcut.scenario.ScenarioClock;
import io.cloudcut.testing.CliRun;
import io.cloudcut.testing.Project;
import io.cloudcut.testing.WorkerCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The short outage with its devices on two worker JVMs of a Hazelcast cluster on loopback, this
 * process coordinating: the merged report counts every device once and comes out as the same
 * scenario does in one process ({@link OutageRunEndToEndTest} checks these verdicts there), at the
 * scenario's 3600x. The workers compile with the client compiler only
 * ({@link io.cloudcut.testing.CloudCutJvm}): with the JVM's defaults, three JVMs compiling at once on
 * two cores lagged a cold cluster's baseline past the health check's bound (485 ms p99), and the
 * tests ran at 1200x, alone; now its lag p99 reads 3-25 ms, and they run beside the other forks.
 * Each worker puts its links on one proxy port, as a fleet past the machine's loopback ports needs ({@link ClusteredTlsRunTest} runs links on ports of their own).
 */
@ExtendWith(WorkerCluster.TwoWorkers.class)
class ClusteredRunTest {

    @TempDir
    static Path dir;

    static CliRun run;
    /** What each worker printed during this run (the workers may have hosted other classes' runs before). */
    static List<String> workerOutputs;
    static RunReport report;
    /** What Vert.x logged here of messages that came to an address no longer listened to. */
    static List<String> discarded;

    @BeforeAll
    static void runTheShortOutageOnTwoWorkers(WorkerCluster cluster) throws Exception {
        List<Integer> before = cluster.printed();
        Logger consumers = (Logger) LoggerFactory.getLogger("io.vertx.core.eventbus.impl.MessageConsumerImpl");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        consumers.addAppender(logged);
        try {
            run = runOn(cluster, "scenarios/short-outage.yaml", "--one-proxy-port",
                    "--report-dir", dir.resolve("report").toString());
        } finally {
            consumers.detachAppender(logged);
        }
        discarded = logged.list.stream().map(ILoggingEvent::getFormattedMessage).filter(line -> line.startsWith("Discarding")).toList();
        workerOutputs = cluster.printedSince(before);
        assertThat(run.exitCode()).as("exit code; stderr:%n%s%nworkers:%n%s", run.err(), cluster.output()).isZero();
        report = JsonReportWriter.read(dir.resolve("report/report.json"));
    }

    /** {@code cloudcut run} of {@code scenario} in the project, its fleet spread over {@code cluster}'s workers. */
    static CliRun runOn(WorkerCluster cluster, String scenario, String... options) {
        List<String> args = new ArrayList<>(List.of("run", scenario, "--project-dir", Project.root().toString()));
        args.addAll(cluster.runArguments());
        args.addAll(List.of(options));
        return CliRun.measured(args.toArray(String[]::new));
    }

    @Test
    void theVerdictsAreThoseOfTheSameScenarioInOneProcess() {
        OutageVerdicts.assertShortOutageVerdicts(report);
    }

    @Test
    void eachWorkerHostedItsShareOfEveryModelAndStoppedIt() {
        assertThat(workerOutputs).hasSize(2).allSatisfy(output -> assertThat(output)
                .contains("starting 4 devices through one proxy port, 50 at a time", "stopped 4 devices (the run ended)"));
        assertThat(run.err()).contains("roll call: 2 workers", "8 devices on workers w1, w2, through one proxy port each");
        assertThat(discarded).as("the workers' answers to the roll call's last call still find it listening").isEmpty();
    }

    /** Every device's final account arrives once, from whichever worker ran it, and balances with the cloud's. */
    @Test
    void theMergedObservationsCountEveryDeviceOnce() throws IOException {
        assertEveryDeviceCountedOnce(dir.resolve("report"), report, 2);
    }

    /** Each of a run's devices gave its final account once, and every model balances with the cloud's account. */
    static void assertEveryDeviceCountedOnce(Path reportDir, RunReport report, int devicesPerModel) throws IOException {
        List<String> accounts = Files.readAllLines(reportDir.resolve("observations.jsonl")).stream()
                .filter(line -> line.contains("\"type\":\"events\"")).toList();
        Map<String, Long> perDevice = accounts.stream().map(line -> line.replaceFirst(".*\"device\":\"([^\"]+)\".*", "$1"))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(perDevice).hasSize(report.models().size() * devicesPerModel)
                .allSatisfy((device, count) -> assertThat(count).as(device).isEqualTo(1));
        assertThat(report.models()).extracting(ModelReport::devices).containsOnly(devicesPerModel);
        assertThat(report.models()).allSatisfy(model -> assertThat(model.events().balanced()).as(model.model()).isTrue());
    }

    /**
     * A worker's stall holds the whole run's scenario time, not only its own: its devices' deadlines would
     * otherwise pass in it, and the coordinator's probes and faults would run on without them. Each worker's
     * doorbell stalls its loop for 600 ms once in the outage; the coordinator's clock stood still for it.
     */
    @Test
    void aWorkersStallHoldsTheRunsClock(WorkerCluster cluster, @TempDir Path project) throws IOException {
        ScenarioRuns.doorbellRunning(ScenarioRuns.projectWithEmbeddedBroker(project), "stalling-doorbell", StallingFirmware.class);
        Files.writeString(project.resolve("stall.yaml"), """
                name: stall
                timeScale: 3600
                fleet: [{model: stalling-doorbell, count: 2}]
                phases:
                  - {name: baseline, kind: baseline, duration: 30m}
                  - {name: outage, kind: outage, duration: 1h, faults: [{service: ingest, fault: down}]}
                """);
        List<String> args = new ArrayList<>(List.of("run", "stall.yaml", "--project-dir", project.toString(),
                "--report-dir", project.resolve("report").toString()));
        args.addAll(cluster.runArguments());
        CliRun stalled = CliRun.measured(args.toArray(String[]::new));

        assertThat(stalled.exitCode()).as("stderr:%n%s", stalled.err()).isZero();
        assertThat(outage(project.resolve("report")).clockHeldMillis()).as("real time the run's clock stood still in the outage")
                // Less the worker's allowance before its clock stands, the coordinator's after its last word, and their beats.
                .isGreaterThanOrEqualTo(StallingFirmware.STALL.minus(ScenarioClock.HOLD_AFTER.multipliedBy(2))
                        .minus(WorkerPulses.EVERY.multipliedBy(2)).toMillis());
    }

    /**
     * A coordinator's stall holds its workers' clocks too: its broker and its cloud stand still in it, and a
     * worker running its devices on at the last pace it heard would let their sessions lapse with no auth
     * service to renew them (4 s at 3600x is 4 h, past the doorbells' 200 min tokens; with the workers'
     * hold taken out, 2 s lapsed 100 min ones). The coordinator is this JVM: once its outage runs at full
     * scale, a shell stops it outright ({@code SIGSTOP}) and lets it go on 4 s later, as a long collector
     * pause stops a whole process. The tokens are long so that a loaded machine is less likely to lapse them
     * on its own once the coordinator goes on, its broker and auth service behind by then: a renewal comes
     * with 3/8 to 5/8 of a token's life left, 1.25 to 2.1 s of real time here. With the shipped doorbell's 30
     * min (0.2 to 0.3 s), sessions lapsed in two CI runs with the hold in place, beside forks that lagged
     * event loops by up to 136 ms (p99); with 100 min and a 2 s stall (0.6 to 1 s), once more, about 2 s of
     * real time after the stall began. Their keepalive is 20 s and their acknowledgement time-out 10 s, not 2
     * s and 1 s: the broker is in this JVM, and a stall longer than a connection allows cuts it, a loss that
     * is the stall's, not the clocks' (the run's health says so). With the shipped doorbell's, a doorbell
     * dropped its connection in the stall in a run here ("no PUBACK within 1000 ms"). A lapse quotes the
     * run's connection, session and clock observations, so that its cause can be read.
     */
    @Test
    void aCoordinatorsStallHoldsItsWorkersClocks(WorkerCluster cluster, @TempDir Path project) throws Exception {
        Path devices = ScenarioRuns.projectWithEmbeddedBroker(project);
        Files.writeString(devices.resolve("long-token-doorbell.yaml"), Files.readString(Project.file("devices/doorbell-cloud-only.yaml"))
                .replace("tokenTtl: 30m", "tokenTtl: 200m").replace("keepAlive: 2s", "keepAlive: 20s")
                .replace("connectTimeout: 1s", "connectTimeout: 10s"));
        Path scenario = Files.writeString(project.resolve("coordinator-stall.yaml"), """
                name: coordinator-stall
                timeScale: 3600
                probe: {rounds: 2}
                fleet: [{model: long-token-doorbell, count: 2}]
                phases:
                  - {name: baseline, kind: baseline, duration: 30m}
                  - {name: outage, kind: outage, duration: 3h, faults: [{service: notify, fault: down}]}
                """);
        Path reportDir = project.resolve("report");
        List<String> arguments = new ArrayList<>(List.of("run", scenario.toString(), "--project-dir", project.toString(),
                "--report-dir", reportDir.toString()));
        arguments.addAll(cluster.runArguments());
        CompletableFuture<CliRun> running = CompletableFuture.supplyAsync(() -> CliRun.of(arguments.toArray(String[]::new)));

        // The outage's ramp has reached the scenario's scale: a stall now spans the most scenario time.
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            assertThat(running).as("the run ended before its outage ran at full scale").isNotDone();
            return Files.exists(reportDir.resolve("observations.jsonl")) && Files.readString(reportDir.resolve("observations.jsonl"))
                    .contains("\"scale\":3600.0,\"why\":\"ramp\"");
        });
        long coordinator = ProcessHandle.current().pid();
        Process stall = new ProcessBuilder("sh", "-c", "kill -STOP %d; sleep %s; kill -CONT %d"
                .formatted(coordinator, COORDINATOR_STALL.toMillis() / 1000.0, coordinator)).inheritIO().start();
        assertThat(stall.waitFor()).as("the shell that stopped this JVM and let it go on").isZero();
        CliRun run = running.get(120, TimeUnit.SECONDS);

        assertThat(run.exitCode()).as("%s%nworkers:%n%s", run.transcript(), cluster.output()).isZero();
        List<String> observations = Files.readAllLines(reportDir.resolve("observations.jsonl"));
        List<String> sessions = observations.stream().filter(line -> line.contains("\"type\":\"session\"")).toList();
        String evidence = observations.stream().filter(line -> line.contains("\"type\":\"session\"")
                || line.contains("\"type\":\"connection\"") || line.contains("\"type\":\"clock\"")).collect(Collectors.joining("\n"));
        assertThat(sessions).as("sessions renewed through the run").anyMatch(line -> line.contains("\"change\":\"renewed\""));
        assertThat(sessions).as("sessions lapsed: the workers' clocks ran on without the coordinator's; the run's "
                        + "connections, sessions and clock:%n%s", evidence)
                .filteredOn(line -> line.contains("\"change\":\"expired\"")).isEmpty();
        assertThat(outage(reportDir).clockHeldMillis()).as("real time the coordinator's clock stood still in the outage")
                .isGreaterThanOrEqualTo(COORDINATOR_STALL.minus(ScenarioClock.HOLD_AFTER.multipliedBy(2)).toMillis());
    }

    private static final Duration COORDINATOR_STALL = Duration.ofSeconds(4);

    private static RunReport.PhaseReport outage(Path reportDir) throws IOException {
        return JsonReportWriter.read(reportDir.resolve("report.json")).phases().stream()
                .filter(phase -> phase.name().equals("outage")).findFirst().orElseThrow();
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
}
