package io.cloudcut.cli;

import io.cloudcut.testing.CliRun;
import io.cloudcut.testing.ExternalOnRealTime;
import io.cloudcut.testing.Project;
import io.cloudcut.trust.PemFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input gets one line naming the file, the line and the field, and exit code 2; nothing starts. */
class BadInputTest {

    @TempDir
    Path project;

    @BeforeEach
    void copyTheProjectsModelsAndCloud() throws IOException {
        for (String dir : new String[] {"devices", "clouds"}) {
            Files.createDirectories(project.resolve(dir));
            try (var files = Files.list(Project.file(dir))) {
                for (Path file : files.toList()) {
                    Files.copy(file, project.resolve(dir).resolve(file.getFileName()));
                }
            }
        }
    }

    @Test
    void anUnknownDeviceModelIsNamedWithItsLine() throws IOException {
        Path scenario = scenario("""
                name: typo
                fleet:
                  - model: vacuum-local-first
                  - model: robo-vac-9000
                phases:
                  - {name: baseline, kind: baseline, duration: 1h}
                  - {name: outage, kind: outage, duration: 1h, faults: [{service: ingest, fault: down}]}
                """);
        CliRun run = run(scenario);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString()
                .startsWith("error: " + scenario + ":4:")
                .contains("fleet[1].model", "unknown device model 'robo-vac-9000'", "vacuum-local-first");
    }

    @Test
    void malformedYamlIsNamedWithItsLine() throws IOException {
        Path scenario = scenario("""
                name: broken
                fleet:
                  - model: vacuum-local-first
                phases: [
                  - name: baseline
                """);
        CliRun run = run(scenario);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString()
                .startsWith("error: " + scenario + ":")
                .contains("malformed YAML");
    }

    @Test
    void aMissingServiceIsNamedWithItsLineAndField() throws IOException {
        Path scenario = scenario("""
                name: no-such-service
                fleet:
                  - model: vacuum-local-first
                phases:
                  - name: baseline
                    kind: baseline
                    duration: 1h
                  - name: outage
                    kind: outage
                    duration: 1h
                    faults:
                      - service: kinesis
                        fault: down
                """);
        CliRun run = run(scenario);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString()
                .startsWith("error: " + scenario + ":12:")
                .contains("phases[1].faults[0].service", "unknown service 'kinesis'", "auth, commands, ingest, notify");
    }

    @Test
    void aWrongValueInADeviceModelNamesTheModelFile() throws IOException {
        Files.writeString(project.resolve("devices/vacuum-local-first.yaml"), """
                kind: vacuum
                functions:
                  - name: clean-button
                    path: local
                buffer:
                  capacity: lots
                """);
        CliRun run = run(scenario("""
                name: bad-model
                fleet: [{model: vacuum-local-first}]
                phases:
                  - {name: baseline, kind: baseline, duration: 1h}
                  - {name: outage, kind: outage, duration: 1h}
                """));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString()
                .startsWith("error: " + project.resolve("devices/vacuum-local-first.yaml") + ":6:")
                .contains("buffer.capacity", "expected a whole number, found 'lots'");
    }

    @Test
    void aFleetBeyondTheOpenFileLimitIsRefusedBeforeAnythingStarts() {
        CliRun run = CliRun.of("run", "scenarios/short-outage.yaml", "--project-dir", Project.root().toString(),
                "--devices-per-model", "50000");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString()
                .contains("a fleet of 200000 devices needs about 801000 open files", "run at most");
    }

    /** Four descriptors a device with the embedded broker, its link on the proxy's shared port (chosen by itself). */
    @Test
    void theFirstFleetOverTheDescriptorBudgetIsRefusedNamingTheNumbers() {
        long limit = exceedableOpenFileLimit();
        long fits = (limit - 1_000) / 4;
        int perModel = (int) (fits / 4 + 1); // short-outage has four models
        CliRun run = CliRun.of("run", "scenarios/short-outage.yaml", "--project-dir", Project.root().toString(),
                "--devices-per-model", String.valueOf(perModel), "--time-scale", "1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString()
                .contains("a fleet of " + perModel * 4 + " devices needs about " + (1_000 + perModel * 4L * 4) + " open files")
                .contains((1_000 + perModel * 4L * 5) + " with a proxy port a device")
                .contains("limit of " + limit).contains("run at most " + fits + " devices in one process")
                .contains((limit - 1_000) / 3 + " with an external broker");
    }

    /** Refused before the harness opens anything: nothing listens for the device, no baseline is waited for. */
    @Test
    void anExternalDeviceOnAnotherClockThanTheRun_isRefusedNamingTheFlagThatMatchesIt() throws IOException {
        Path scenario = Files.writeString(project.resolve("bench.yaml"), ExternalOnRealTime.YAML);

        CliRun run = CliRun.of("run", scenario.toString(), "--project-dir", project.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString()
                .contains("external device bench-doorbell runs at 1x", "cloudcut device --time-scale 3600");
        CliRun atItsPace = CliRun.of("run", scenario.toString(), "--project-dir", project.toString(), "--time-scale", "7");
        assertThat(atItsPace.errorLines()).singleElement().asString()
                .contains("goes at time scale 7x", "run at its pace (--time-scale 1)");
    }

    /** Its key would have to travel to the workers; the CA alone may (ClusteredTlsRunTest runs that). */
    @Test
    void aTlsBrokerThatWantsTheHarnesssCertificate_takesNoWorkers(@TempDir Path pki) throws IOException {
        PemFiles files = PemFiles.write(pki);
        CliRun run = CliRun.of("run", "scenarios/short-outage.yaml", "--project-dir", Project.root().toString(),
                "--broker", "mqtts://127.0.0.1:8883", "--broker-ca", files.ca().toString(),
                "--broker-cert", files.clientCertificate().toString(), "--broker-key", files.clientKey().toString(),
                "--workers", "2");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString()
                .contains("--broker-cert and --broker-key with --workers", "private key", "drop --workers");
    }

    @Test
    void aFleetBeyondOneProcessIsToldHowManyWorkersWouldHoldIt() {
        CliRun run = CliRun.of("run", "scenarios/short-outage.yaml", "--project-dir", Project.root().toString(),
                "--devices-per-model", "50000");
        assertThat(run.errorLines()).singleElement().asString().containsPattern("spread the fleet over \\d+ or more worker processes");
    }

    /** Four descriptors a device on a worker: its socket, its link's listening socket and the link's two ends. */
    @Test
    void aShareBeyondAWorkersOpenFileLimitIsRefusedNamingTheWorkersNeeded() {
        long limit = exceedableOpenFileLimit();
        long perWorker = (limit - 1_000) / 4;
        int perModel = (int) (perWorker / 2 + 1); // two workers; short-outage has four models
        CliRun run = CliRun.of("run", "scenarios/short-outage.yaml", "--project-dir", Project.root().toString(),
                "--devices-per-model", String.valueOf(perModel), "--time-scale", "1", "--broker", "tcp://127.0.0.1:1",
                "--workers", "2");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString()
                .contains(perModel * 4 + " devices over 2 workers is " + perModel * 2 + " a worker, over the " + perWorker)
                .contains("use at least " + (perModel * 4 + perWorker - 1) / perWorker + " workers");
    }

    @Test
    void aClusterWithoutWorkersOrWithABadMemberIsAUsageError() {
        CliRun noWorkers = CliRun.of("run", "scenarios/short-outage.yaml", "--project-dir", Project.root().toString(),
                "--cluster", "127.0.0.1:5701");
        assertThat(noWorkers.exitCode()).isEqualTo(2);
        assertThat(noWorkers.errorLines()).singleElement().asString().contains("--cluster needs --workers N");

        CliRun badMember = CliRun.of("run", "scenarios/short-outage.yaml", "--project-dir", Project.root().toString(),
                "--workers", "2", "--cluster", "127.0.0.1:5701,not a host");
        assertThat(badMember.exitCode()).isEqualTo(2);
        assertThat(badMember.errorLines()).singleElement().asString()
                .contains("--cluster: cluster member 'not a host' is not host or host:port");
    }

    @Test
    void brokerFaultsNeedTheEmbeddedBroker() {
        CliRun run = CliRun.of("run", "scenarios/flapping-broker.yaml", "--project-dir", Project.root().toString(),
                "--broker", "tcp://127.0.0.1:1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString().contains("only the embedded broker allows");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        CliRun run = CliRun.of("run", "--no-such-option");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option", "--no-such-option");
    }

    @Test
    void anUnreachableBrokerIsAnInfrastructureFailure() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        CliRun run = CliRun.of("run", "scenarios/short-outage.yaml", "--project-dir", Project.root().toString(),
                "--broker", "tcp://127.0.0.1:" + closedPort);
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.errorLines()).singleElement().asString().contains("cannot reach external broker");
    }

    private Path scenario(String text) throws IOException {
        Path file = project.resolve("scenario.yaml");
        Files.writeString(file, text);
        return file;
    }

    private CliRun run(Path scenario) {
        return CliRun.of("run", scenario.toString(), "--project-dir", project.toString());
    }

    /** This process's open-file limit, when a fleet in this suite can exceed it (the test is skipped otherwise). */
    private static long exceedableOpenFileLimit() {
        long limit = ((com.sun.management.UnixOperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getMaxFileDescriptorCount();
        org.junit.jupiter.api.Assumptions.assumeTrue(limit < 400_000, "an open-file limit this suite can exceed");
        return limit;
    }
}
