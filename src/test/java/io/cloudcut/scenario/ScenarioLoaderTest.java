package io.cloudcut.scenario;

import io.cloudcut.testing.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioLoaderTest {

    private final ScenarioLoader loader = new ScenarioLoader(Project.root());

    static Stream<Path> shippedScenarios() throws IOException {
        return Files.list(Project.file("scenarios")).filter(file -> file.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest
    @MethodSource("shippedScenarios")
    void everyShippedScenarioLoadsWithItsModels(Path file) throws ScenarioException {
        Scenario scenario = loader.load(file);
        assertThat(scenario.deviceCount()).isPositive();
        assertThat(scenario.models()).hasSameSizeAs(scenario.fleet().stream().map(FleetEntry::model).distinct().toList());
        assertThat(scenario.phases()).anyMatch(phase -> phase.kind() == PhaseKind.OUTAGE);
    }

    @Test
    void theKinesisScenarioReplaysTheSummarysSeventeenHoursOfIngestOutage_withNoLinkCut() throws ScenarioException {
        Scenario kinesis = loader.load(Project.file("scenarios/kinesis-2020.yaml"));
        Duration ingestDown = kinesis.phases().stream()
                .filter(phase -> phase.faults().stream().anyMatch(f -> "ingest".equals(f.service())))
                .map(Phase::duration).reduce(Duration.ZERO, Duration::plus);
        assertThat(ingestDown).as("05:15 to 22:23 PST").isEqualTo(Duration.ofHours(17).plusMinutes(8));
        assertThat(kinesis.phases()).flatExtracting(Phase::faults).noneMatch(FaultSpec::targetsLinks);
    }

    @Test
    void modelsReadTheirPolicies() throws ScenarioException {
        Scenario scenario = loader.load(Project.file("scenarios/short-outage.yaml"));
        DeviceModel locked = scenario.model("vacuum-cloud-locked");
        assertThat(locked.kind()).isEqualTo(DeviceKind.VACUUM);
        assertThat(locked.session().onLoss()).isEqualTo(OnSessionLoss.LOCK_ALL);
        assertThat(locked.reconnect().jitter()).isEqualTo(Jitter.FULL);
        assertThat(locked.function("status-report").orElseThrow().trigger()).isEqualTo(Trigger.DEVICE);
        assertThat(locked.function("clean-from-app").orElseThrow().trigger()).isEqualTo(Trigger.APP);
    }

    @Test
    void anUnknownFieldListsTheKnownOnes(@TempDir Path dir) throws IOException {
        Path file = write(dir, "s.yaml", """
                name: x
                fleet: [{model: vacuum-local-first, cuont: 2}]
                phases: [{name: b, kind: baseline, duration: 1h}]
                """);
        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith(file + ":2:")
                .hasMessageContaining("fleet[0].cuont: unknown field 'cuont' (known: count, model)");
    }

    @Test
    void aProjectDirectoryWithoutTheDefaultCloudSaysWhereItLooked(@TempDir Path dir) throws IOException {
        Path file = write(dir, "s.yaml", """
                name: x
                fleet: [{model: vacuum-local-first, count: 2}]
                phases: [{name: b, kind: baseline, duration: 1h}]
                """);
        assertThatThrownBy(() -> new ScenarioLoader(dir).load(file))
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith(file + ":1:")
                .hasMessageContaining("the project directory has no clouds/default.yaml (looked for "
                        + dir.resolve("clouds/default.yaml") + ")")
                .hasMessageContaining("--project-dir");
    }

    @Test
    void aBadDurationAndABadEnumSayWhatIsExpected(@TempDir Path dir) throws IOException {
        Path duration = write(dir, "d.yaml", """
                name: x
                fleet: [{model: vacuum-local-first}]
                phases:
                  - name: b
                    kind: baseline
                    duration: 17 hours
                """);
        assertThatThrownBy(() -> loader.load(duration)).hasMessageStartingWith(duration + ":6:")
                .hasMessageContaining("phases[0].duration: '17 hours' is not a duration");
        Path kind = write(dir, "k.yaml", """
                name: x
                fleet: [{model: vacuum-local-first}]
                phases:
                  - name: b
                    kind: blackout
                    duration: 1h
                """);
        assertThatThrownBy(() -> loader.load(kind)).hasMessageStartingWith(kind + ":5:")
                .hasMessageContaining("phases[0].kind: 'blackout' is not one of: baseline, outage, recovery");
    }

    /** An answer held on the scenario clock must count alike at every scale: a probe's wait spans the same scenario time. */
    @Test
    void aProbesWaitSpansWhatItsTimeoutDoesAtTheScenariosOwnScale_atAnyScaleItRunsAt(@TempDir Path dir) throws Exception {
        Scenario kinesis = loader.load(Project.file("scenarios/kinesis-2020.yaml"));
        assertThat(kinesis.lostAfter()).as("1 s at 3600x").isEqualTo(Duration.ofHours(1));
        assertThat(kinesis.withTimeScale(TimeScale.AUTO).lostAfter()).isEqualTo(Duration.ofHours(1));
        assertThat(kinesis.withTimeScale(TimeScale.fixed(160)).withTimeScale(TimeScale.AUTO).lostAfter()).isEqualTo(Duration.ofHours(1));

        Scenario set = loader.load(write(dir, "s.yaml", """
                name: x
                timeScale: auto
                probe: {timeout: 2s, lostAfter: 20m}
                fleet: [{model: vacuum-local-first}]
                phases: [{name: b, kind: baseline, duration: 1h}, {name: o, kind: outage, duration: 1h, faults: [{service: auth, fault: down}]}]
                """));
        assertThat(set.lostAfter()).isEqualTo(Duration.ofMinutes(20));
        Scenario auto = loader.load(write(dir, "a.yaml", """
                name: x
                timeScale: auto
                probe: {timeout: 2s}
                fleet: [{model: vacuum-local-first}]
                phases: [{name: b, kind: baseline, duration: 1h}, {name: o, kind: outage, duration: 1h, faults: [{service: auth, fault: down}]}]
                """));
        assertThat(auto.lostAfter()).as("at the most auto picks").isEqualTo(Duration.ofHours(2));

        Path zero = write(dir, "n.yaml", """
                name: x
                probe:
                  lostAfter: 0s
                fleet: [{model: vacuum-local-first}]
                phases: [{name: b, kind: baseline, duration: 1h}, {name: o, kind: outage, duration: 1h, faults: [{service: auth, fault: down}]}]
                """);
        assertThatThrownBy(() -> loader.load(zero)).hasMessageStartingWith(zero + ":").hasMessageContaining("lostAfter must be positive");
    }

    @Test
    void aScenarioMayAskForAnAutoTimeScaleAndAPhaseForItsOwn(@TempDir Path dir) throws Exception {
        Scenario scenario = loader.load(write(dir, "s.yaml", """
                name: x
                timeScale: auto
                probe: {every: 10m}
                fleet: [{model: vacuum-local-first}]
                phases:
                  - {name: b, kind: baseline, duration: 1h}
                  - {name: cut, kind: outage, duration: 2h, timeScale: 60, faults: [{service: auth, fault: down}]}
                """));
        assertThat(scenario.timeScale()).isEqualTo(TimeScale.AUTO);
        assertThat(scenario.phases().get(0).timeScale()).isNull();
        assertThat(scenario.phases().get(1).timeScale()).isEqualTo(60.0);
        assertThat(scenario.probe().spacing(Duration.ofHours(2))).isEqualTo(Duration.ofMinutes(10));

        Path fast = write(dir, "f.yaml", """
                name: x
                timeScale: fast
                fleet: [{model: vacuum-local-first}]
                phases: [{name: b, kind: baseline, duration: 1h}, {name: c, kind: outage, duration: 1h}]
                """);
        assertThatThrownBy(() -> loader.load(fast)).hasMessageStartingWith(fast + ":2:")
                .hasMessageContaining("timeScale must be 'auto' or a positive number, not 'fast'");
        Path still = write(dir, "z.yaml", """
                name: x
                fleet: [{model: vacuum-local-first}]
                phases: [{name: b, kind: baseline, duration: 1h, timeScale: 0}, {name: c, kind: outage, duration: 1h}]
                """);
        assertThatThrownBy(() -> loader.load(still)).hasMessageStartingWith(still + ":3:")
                .hasMessageContaining("timeScale must be a positive number");
    }

    @Test
    void anImpossibleTimelineIsRefused(@TempDir Path dir) throws IOException {
        Path file = write(dir, "t.yaml", """
                name: x
                fleet: [{model: vacuum-local-first}]
                phases:
                  - {name: cut, kind: outage, duration: 1h}
                """);
        assertThatThrownBy(() -> loader.load(file)).hasMessageContaining("phases[0].kind: the timeline must start with a baseline phase");
        Path settle = write(dir, "u.yaml", """
                name: x
                fleet: [{model: vacuum-local-first}]
                phases:
                  - {name: b, kind: baseline, duration: 1h}
                  - {name: cut, kind: outage, duration: 1h, settle: 2h}
                """);
        assertThatThrownBy(() -> loader.load(settle)).hasMessageStartingWith(settle + ":5:")
                .hasMessageContaining("settle (2h) must be shorter than the phase (1h)");
    }

    @Test
    void aCloudWithACycleIsRefused(@TempDir Path dir) throws IOException {
        Path cloud = write(dir, "cloud.yaml", """
                services:
                  auth: {needs: [commands]}
                  commands: {needs: [auth]}
                """);
        assertThatThrownBy(() -> loader.loadCloud(cloud)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("dependency cycle: auth -> commands -> auth");
    }

    @Test
    void aServiceReadsThroughOneConnectionUnlessTheCloudSaysHowManyWithinTheBound(@TempDir Path dir) throws Exception {
        Path scaled = write(dir, "scaled.yaml", """
                services:
                  auth: {}
                  ingest: {connections: 4}
                """);
        CloudSpec cloud = loader.loadCloud(scaled);
        assertThat(cloud.services().get("auth").connections()).isEqualTo(1);
        assertThat(cloud.services().get("ingest").connections()).isEqualTo(4);

        Path none = write(dir, "none.yaml", """
                services:
                  auth: {}
                  ingest:
                    connections: 0
                """);
        assertThatThrownBy(() -> loader.loadCloud(none)).hasMessageStartingWith(none + ":3:")
                .hasMessageContaining("services.ingest: connections must be from 1 to 16, not 0");
    }

    @Test
    void aModelMayNotNameAFunctionItsKindLacks(@TempDir Path dir) throws Exception {
        CloudSpec cloud = loader.loadCloud(Project.file("clouds/default.yaml"));
        Path model = write(dir, "toaster.yaml", """
                kind: doorbell
                functions:
                  - name: make-toast
                    path: local
                """);
        assertThatThrownBy(() -> loader.loadModel(model, cloud)).hasMessageStartingWith(model + ":3:")
                .hasMessageContaining("unknown function 'make-toast' for a doorbell");
    }

    @Test
    void aModelMustSayWhichFunctionItsOwnerBoughtItFor(@TempDir Path dir) throws Exception {
        CloudSpec cloud = loader.loadCloud(Project.file("clouds/default.yaml"));
        Path model = write(dir, "no-primary.yaml", """
                kind: doorbell
                functions:
                  - name: chime
                    path: local
                    role: secondary
                """);
        assertThatThrownBy(() -> loader.loadModel(model, cloud)).hasMessageStartingWith(model + ":2:")
                .hasMessageContaining("functions: no function has role 'primary'");
    }

    @Test
    void aThrottleRateIsACountPerPeriodOfScenarioTime(@TempDir Path dir) throws Exception {
        Path file = write(dir, "r.yaml", throttledAuth("30/min"));
        FaultSpec throttle = loader.load(file).phases().get(1).faults().get(0);
        assertThat(throttle.rate()).isEqualTo(new Rate(30, Duration.ofMinutes(1)));
        assertThat(throttle.rate().interval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.queue()).isEqualTo(5);
    }

    @Test
    void aBareRateIsRefusedWhereItIsWrittenBecauseItOnceMeantPerRealSecond(@TempDir Path dir) throws IOException {
        Path file = write(dir, "r.yaml", throttledAuth("2"));
        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith(file + ":12:11: phases[1].faults[0].attributes.rate: '2' has no unit: "
                        + "write a count per period of scenario time, e.g. 30/min, 2/s or 100/h");
    }

    @Test
    void aRateInAnotherFormIsRefusedWhereItIsWritten(@TempDir Path dir) throws IOException {
        for (String rate : new String[] {"2 per second", "2/fortnight", "0/s"}) {
            Path file = write(dir, "r.yaml", throttledAuth(rate));
            assertThatThrownBy(() -> loader.load(file)).as(rate)
                    .hasMessageStartingWith(file + ":12:11: phases[1].faults[0].attributes.rate: ");
        }
        Path missing = write(dir, "m.yaml", throttledAuth("30/min").replace("rate: 30/min", "every: 1m"));
        assertThatThrownBy(() -> loader.load(missing)).hasMessageStartingWith(missing + ":")
                .hasMessageContaining("a 'throttled' service fault takes only queue, rate, not 'every'");
    }

    @Test
    void certExpiryTargetsAModelsDevices_andTakesNoDirectionOrAttributes(@TempDir Path dir) throws Exception {
        String expiry = """
                name: x
                fleet: [{model: vacuum-local-first}]
                phases:
                  - {name: b, kind: baseline, duration: 1h}
                  - {name: lapsed, kind: outage, duration: 1h, faults: [{link: vacuum-local-first, fault: cert-expiry%s}]}
                """;
        FaultSpec fault = loader.load(write(dir, "ok.yaml", expiry.formatted(""))).phases().get(1).faults().get(0);
        assertThat(fault.onDevices()).isTrue();
        Path directed = write(dir, "d.yaml", expiry.formatted(", direction: upstream"));
        assertThatThrownBy(() -> loader.load(directed)).hasMessageStartingWith(directed + ":5:")
                .hasMessageContaining("a 'cert-expiry' fault takes no 'direction' and no attributes");
    }

    /** A scenario whose outage throttles auth, {@code rate} on line 12, column 11. */
    private static String throttledAuth(String rate) {
        return """
                name: x
                fleet: [{model: vacuum-local-first}]
                phases:
                  - {name: b, kind: baseline, duration: 1h}
                  - name: cut
                    kind: outage
                    duration: 1h
                    faults:
                      - service: auth
                        fault: throttled
                        attributes:
                          rate: %s
                          queue: 5
                """.formatted(rate);
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
