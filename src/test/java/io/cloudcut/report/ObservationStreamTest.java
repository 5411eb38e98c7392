package io.cloudcut.report;

import io.cloudcut.observation.ClockObserved;
import io.cloudcut.observation.ObservationCodec;
import io.cloudcut.observation.RunStartedObserved;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.scenario.ScenarioLoader;
import io.cloudcut.scenario.TimeScale;
import io.cloudcut.testing.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One file holds one run: a run that starts again leaves the one before beside it, whole. */
class ObservationStreamTest {

    @Test
    void aRunThatStartsAgainStartsTheFileAfresh_andKeepsTheRefusedOneBesideIt(@TempDir Path dir) throws Exception {
        Scenario scenario = new ScenarioLoader(Project.root()).load(Project.file("scenarios/short-outage.yaml"));
        RunStartedObserved first = RunStartedObserved.of(scenario, "embedded");
        RunStartedObserved again = RunStartedObserved.of(scenario.withTimeScale(TimeScale.autoAtMost(1800)), "embedded");
        try (ObservationStream stream = ObservationStream.into(dir)) {
            stream.accept(first);
            stream.accept(new ClockObserved(0, 3600, ClockObserved.Why.START));
            stream.accept(again);
            stream.accept(new ClockObserved(0, 1800, ClockObserved.Why.START));
            stream.accept(again);
            stream.accept(new ClockObserved(0, 900, ClockObserved.Why.START));
        }

        assertThat(lines(dir.resolve("observations-refused-1.jsonl"))).containsExactly(
                ObservationCodec.line(first), ObservationCodec.line(new ClockObserved(0, 3600, ClockObserved.Why.START)));
        assertThat(lines(dir.resolve("observations-refused-2.jsonl"))).containsExactly(
                ObservationCodec.line(again), ObservationCodec.line(new ClockObserved(0, 1800, ClockObserved.Why.START)));
        assertThat(lines(dir.resolve(ObservationStream.FILE_NAME))).containsExactly(
                ObservationCodec.line(again), ObservationCodec.line(new ClockObserved(0, 900, ClockObserved.Why.START)));
    }

    @Test
    void oneRunIsOneFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(ObservationStream.FILE_NAME), "a run before, in the same directory\n");
        try (ObservationStream stream = ObservationStream.into(dir)) {
            stream.accept(new ClockObserved(0, 3600, ClockObserved.Why.START));
        }
        assertThat(lines(dir.resolve(ObservationStream.FILE_NAME)))
                .containsExactly(ObservationCodec.line(new ClockObserved(0, 3600, ClockObserved.Why.START)));
        try (var files = Files.list(dir)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactly(ObservationStream.FILE_NAME);
        }
    }

    private static List<String> lines(Path file) throws Exception {
        return Files.readAllLines(file);
    }
}
