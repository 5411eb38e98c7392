package io.cloudcut.dashboard;

import io.cloudcut.observation.ClockObserved;
import io.cloudcut.observation.Observation;
import io.cloudcut.observation.ObservationCodec;
import io.cloudcut.observation.RunEndedObserved;
import io.cloudcut.observation.StateObserved;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The replay of a finished run: its pace, from the scenario clock, and its stream of the file. */
class ReplayTest {

    private final Vertx vertx = Vertx.vertx();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        vertx.close().await();
    }

    @Test
    void eachObservationIsDueAtTheScenarioTimeBeforeItDividedByTheScaleTheClockHadThen() {
        Replay.Pace pace = new Replay.Pace();
        assertThat(pace.dueMillis(state(0))).isZero();
        assertThat(pace.dueMillis(state(1_000))).as("real time until a clock says otherwise").isEqualTo(1_000);
        assertThat(pace.dueMillis(new ClockObserved(2_000, 100, ClockObserved.Why.RAMP))).isEqualTo(2_000);
        assertThat(pace.dueMillis(state(62_000))).as("60 s of scenario time at 100x").isCloseTo(2_600, within(1e-9));
        assertThat(pace.dueMillis(state(61_000))).as("logged a little out of order: no earlier than the last").isCloseTo(2_600, within(1e-9));
        assertThat(pace.dueMillis(new ClockObserved(62_000, 3_600, ClockObserved.Why.RAMP))).isCloseTo(2_600, within(1e-9));
        assertThat(pace.dueMillis(state(3_662_000))).as("an hour at 3600x").isCloseTo(3_600, within(1e-9));
    }

    @Test
    void everyObservationOfTheFileReachesTheBoardInItsOrder() throws Exception {
        List<Observation> written = new ArrayList<>();
        written.add(new ClockObserved(0, 1_000_000, ClockObserved.Why.START));
        IntStream.range(0, 20_000).mapToObj(i -> state(i * 1_000L)).forEach(written::add);
        written.add(new RunEndedObserved(20_000_000, 1_000));
        Path file = write(written);
        assertThat(Files.size(file)).as("larger than one read of the file, so the stream is read in parts").isGreaterThan(1 << 20);

        List<Observation> fed = new CopyOnWriteArrayList<>();
        new Replay(file, 1).play(vertx, fed::add).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);

        assertThat(fed).containsExactlyElementsOf(written);
    }

    @Test
    void aReplayWaitsForTheMomentOfItsNextObservation() throws Exception {
        Path file = write(List.of(state(0), state(200), state(400)));
        List<Long> fedAtNanos = new CopyOnWriteArrayList<>();
        long startedNanos = System.nanoTime();
        new Replay(file, 2).play(vertx, observation -> fedAtNanos.add(System.nanoTime() - startedNanos))
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);

        assertThat(fedAtNanos).hasSize(3);
        assertThat(fedAtNanos.get(2)).as("400 ms of real-time scenario, replayed twice as fast, is not over before 200 ms")
                .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
    }

    @Test
    void aFileChangedSinceItWasReadFailsTheReplayNamingIt() throws Exception {
        Path file = dir.resolve("observations.jsonl");
        Files.writeString(file, ObservationCodec.encode(state(0)).encode() + "\nnot json\n");
        List<Observation> fed = new CopyOnWriteArrayList<>();
        assertThatThrownBy(() -> new Replay(file, 1).play(vertx, fed::add).toCompletionStage().toCompletableFuture()
                .get(60, TimeUnit.SECONDS)).hasMessageContaining(file.toString());
        assertThat(fed).hasSize(1);
    }

    private Path write(List<Observation> observations) throws Exception {
        Path file = dir.resolve("observations.jsonl");
        Files.write(file, observations.stream().map(observation -> ObservationCodec.encode(observation).encode()).toList());
        return file;
    }

    private static StateObserved state(long atMillis) {
        return new StateObserved(atMillis, "vacuum-1", "vacuum-local-first", "cleaning", false);
    }
}
