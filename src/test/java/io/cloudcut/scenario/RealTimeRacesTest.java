package io.cloudcut.scenario;

import io.cloudcut.testing.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Real-time constants that the scale stretches over a good share of a scenario duration are warned about, where written. */
class RealTimeRacesTest {

    private final ScenarioLoader loader = new ScenarioLoader(Project.root());

    @TempDir
    Path dir;

    @Test
    void aSlowAuthWhoseLatencyTheScaleStretchesOverATokenTtlIsWarnedAtItsLatency() throws Exception {
        Path file = scenario(outage("{service: auth, fault: slow, attributes: {latency: 500ms}}"));

        assertThat(RealTimeRaces.find(loader.load(file), 1800)).singleElement().hasToString(file
                + ":12:51: phases[1].faults[0].attributes.latency: at 1800x, 500ms of slow auth is 15m of scenario "
                + "time, 50% of doorbell-cloud-only's 30m token TTL: a renewal waits that long and may lapse because "
                + "of the scale; use a slower timeScale, or one for phase 'cut' alone");
    }

    @Test
    void theSameLatencyAtAScaleThatLeavesTheTokenRoomIsNotWarned() throws Exception {
        Scenario scenario = loader.load(scenario(outage("{service: auth, fault: slow, attributes: {latency: 500ms}}")));

        assertThat(RealTimeRaces.find(scenario, 60)).as("30s against 30m").isEmpty();
    }

    @Test
    void aPhaseTimeScaleIsTheScaleItsFaultsAreJudgedAt() throws Exception {
        Scenario scenario = loader.load(scenario(outage("{service: auth, fault: slow, attributes: {latency: 500ms}}")
                .replace("duration: 2h", "duration: 2h\n    timeScale: 60")));

        assertThat(RealTimeRaces.find(scenario, 1800)).isEmpty();
    }

    @Test
    void aSlowServiceOtherThanAuthRacesNoTokenTtl() throws Exception {
        Scenario scenario = loader.load(scenario(outage("{service: commands, fault: slow, attributes: {latency: 500ms}}")));

        assertThat(RealTimeRaces.find(scenario, 1800)).isEmpty();
    }

    @Test
    void aLinkLatencyIsCrossedTwiceByARenewalOrOnceInOneDirection() throws Exception {
        Path both = scenario(outage("{link: vacuum-local-first, fault: latency, attributes: {latency: 300}}"));
        Path up = scenario(outage("{link: vacuum-local-first, fault: latency, direction: upstream, attributes: {latency: 300}}"));

        assertThat(RealTimeRaces.find(loader.load(both), 1800)).singleElement().asString()
                .startsWith(both + ":12:65: phases[1].faults[0].attributes.latency: at 1800x, 300ms of link latency, "
                        + "crossed twice by a renewal, is 18m of scenario time, 30% of vacuum-local-first's 1h token TTL");
        assertThat(RealTimeRaces.find(loader.load(up), 1800)).singleElement().asString()
                .contains("300ms of link latency, crossed once by a renewal, is 9m of scenario time, 15% of");
    }

    @Test
    void aPhaseThatLosesPacketsWarnsEachModelWhoseKeepAliveOutlastsItsTokenAtThatScale() throws Exception {
        Scenario scenario = loader.load(scenario(outage("{link: all, fault: loss, attributes: {probability: 0.05}}")));

        List<ScenarioWarning> warnings = RealTimeRaces.find(scenario, 1800);

        assertThat(warnings).extracting(ScenarioWarning::file).containsExactly(
                Project.file("devices/doorbell-cloud-only.yaml"), Project.file("devices/vacuum-local-first.yaml"));
        assertThat(warnings).extracting(ScenarioWarning::field).containsOnly("keepAlive");
        assertThat(warnings.get(0).line()).isEqualTo(lineOf(Project.file("devices/doorbell-cloud-only.yaml"), "keepAlive:"));
        assertThat(warnings.get(0).problem()).isEqualTo("at 1800x in phase 'cut', which loses packets, a lost packet is "
                + "noticed only after this 2s keepAlive, 1h of scenario time, 200% of doorbell-cloud-only's 30m token TTL: "
                + "the device stays offline that long and its session may lapse because of the scale; use a slower "
                + "timeScale, or one for phase 'cut' alone");
    }

    @Test
    void aScenarioBuiltInCodeIsWarnedByFieldAlone() throws Exception {
        Scenario loaded = loader.load(scenario(outage("{service: auth, fault: slow, attributes: {latency: 500ms}}")));
        Scenario built = new Scenario(loaded.name(), loaded.description(), null, loaded.timeScale(), loaded.probe(),
                loaded.cloud(), loaded.fleet(), loaded.phases(), loaded.models());

        assertThat(RealTimeRaces.find(built, 1800)).singleElement().asString()
                .startsWith("phases[1].faults[0].attributes.latency: at 1800x, 500ms of slow auth");
    }

    /** An outage phase named {@code cut}, 2 h, with one fault written on line 12. */
    private static String outage(String fault) {
        return """
                name: races
                fleet: [{model: doorbell-cloud-only}, {model: vacuum-local-first}]
                probe:
                  every: 1h
                  timeout: 100ms
                phases:
                  - {name: baseline, kind: baseline, duration: 1h}
                  - name: cut
                    kind: outage
                    duration: 2h
                    faults:
                      - %s
                """.formatted(fault);
    }

    private Path scenario(String text) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "scenario", ".yaml"), text);
    }

    private static int lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }
}
