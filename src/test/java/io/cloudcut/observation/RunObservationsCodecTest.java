package io.cloudcut.observation;

import io.cloudcut.scenario.Scenario;
import io.cloudcut.scenario.ScenarioLoader;
import io.cloudcut.scenario.TimeScale;
import io.cloudcut.testing.Project;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The observations that make a stream describe itself travel as the others do, and read back to the
 * same values: every model with its functions, every expectation with its bounds, the time scale as asked.
 */
class RunObservationsCodecTest {

    @Test
    void aDevicesEventAccountWrittenBeforeMalformedMessagesWereCountedReadsBackWithNone() {
        EventsObserved account = new EventsObserved(5, "d-1", "m", 3, 2, 1, java.util.Map.of(), 1, 0, false, 4);
        JsonObject older = ObservationCodec.encode(account);
        older.remove("malformed");

        assertThat(ObservationCodec.decode(ObservationCodec.encode(account))).isEqualTo(account);
        assertThat(((EventsObserved) ObservationCodec.decode(older)).malformed()).isZero();
    }

    @Test
    void theRunAsItStartedReadsBackEqualFromItsJsonLine() throws Exception {
        // Overridden as on the command line, so that the stream says what ran, not what the files say.
        Scenario scenario = new ScenarioLoader(Project.root()).load(Project.file("scenarios/kinesis-2020.yaml"))
                .withDevicesPerModel(1).withClient("paho-v5").withTimeScale(TimeScale.AUTO);
        RunStartedObserved started = RunStartedObserved.of(scenario, "embedded HiveMQ CE on 127.0.0.1:1883");

        String line = ObservationCodec.line(started);
        Observation decoded = ObservationCodec.decode(new JsonObject(line));

        assertThat(decoded).isEqualTo(started);
        assertThat(ObservationCodec.decode(line)).as("read from the line itself, as a worker's batch is").isEqualTo(started);
        RunStartedObserved read = (RunStartedObserved) decoded;
        assertThat(read.timeScale()).isEqualTo(TimeScale.AUTO);
        assertThat(read.models()).hasSize(6).allSatisfy(model -> assertThat(model.client()).isEqualTo("paho-v5"));
        assertThat(read.modelsById().get("doorbell-local-chime")).isEqualTo(scenario.model("doorbell-local-chime"));
        assertThat(read.fleet()).allSatisfy(entry -> assertThat(entry.count()).isEqualTo(1));
        assertThat(read.expectations()).isEqualTo(scenario.expectations()).hasSize(10);
        assertThat(read.phases()).extracting(RunStartedObserved.PhasePlan::name).containsExactly(
                scenario.phases().stream().map(io.cloudcut.scenario.Phase::name).toArray(String[]::new));
        assertThat(new JsonObject(line).getString("type")).isEqualTo("run-started");
    }

    /** Files written before the reason was an enum say {@code "why":"cloud"}: the wire name did not change. */
    @Test
    void aClockChangesReasonTravelsInLowerCase() {
        ClockObserved change = new ClockObserved(2_172, 1, ClockObserved.Why.CLOUD);

        assertThat(ObservationCodec.encode(change).getString("why")).isEqualTo("cloud");
        assertThat(ObservationCodec.decode("{\"type\":\"clock\",\"atMillis\":2172,\"scale\":1.0,\"why\":\"cloud\"}"))
                .isEqualTo(change);
    }

    /** So do a connection's and a session's changes, {@code gave-up} with its hyphen. */
    @Test
    void connectionAndSessionChangesTravelByTheirWireNames() {
        ConnectionObserved gaveUp = ConnectionObserved.gaveUp(9_000, "d-1", "m", "8 attempts");
        SessionObserved locked = new SessionObserved(9_500, "d-1", "m", SessionObserved.Change.LOCKED);

        assertThat(ObservationCodec.encode(gaveUp).getString("change")).isEqualTo("gave-up");
        assertThat(ObservationCodec.encode(locked).getString("change")).isEqualTo("locked");
        assertThat(ObservationCodec.decode(ObservationCodec.line(gaveUp))).isEqualTo(gaveUp);
        assertThat(ObservationCodec.decode("{\"type\":\"session\",\"atMillis\":9500,\"device\":\"d-1\",\"model\":\"m\","
                + "\"change\":\"locked\"}")).isEqualTo(locked);
    }

    /** And the window a health check judged: streams written before it was an enum read as they did. */
    @Test
    void aHealthChecksWindowTravelsInLowerCase() {
        HealthObserved baseline = new HealthObserved(3_600_000, HealthObserved.Window.BASELINE, 3600, 1, 2, 1, 2, 10, 12, 0,
                true, java.util.List.of());
        JsonObject written = ObservationCodec.encode(baseline);

        assertThat(written.getString("window")).isEqualTo("baseline");
        assertThat(ObservationCodec.decode(written.copy().put("window", "run")))
                .isEqualTo(new HealthObserved(3_600_000, HealthObserved.Window.RUN, 3600, 1, 2, 1, 2, 10, 12, 0, true,
                        java.util.List.of()));
        assertThat(baseline.summary()).startsWith("harness over the baseline: 0 of 12 probes failed");
    }

    /** And a service's condition. */
    @Test
    void aServicesConditionTravelsInLowerCase() {
        ServiceObserved restarting = new ServiceObserved(7_000, "broker", ServiceObserved.Condition.RESTARTING, "broker");

        assertThat(ObservationCodec.encode(restarting).getString("condition")).isEqualTo("restarting");
        assertThat(ObservationCodec.decode("{\"type\":\"service\",\"atMillis\":7000,\"service\":\"broker\","
                + "\"condition\":\"restarting\",\"cause\":\"broker\"}")).isEqualTo(restarting);
        assertThat(restarting.up()).isFalse();
        assertThat(new ServiceObserved(9_000, "broker", ServiceObserved.Condition.UP, null).up()).isTrue();
    }

    /** A link a flap reopened, as {@code report} reads it back from a finished run's file. */
    @Test
    void aLinkReopenedTravelsByItsWireName() {
        LinkReopenedObserved reopened = new LinkReopenedObserved(4_200, "d-1");

        assertThat(ObservationCodec.line(reopened)).isEqualTo("{\"type\":\"link-reopened\",\"atMillis\":4200,\"device\":\"d-1\"}");
        assertThat(ObservationCodec.decode(ObservationCodec.line(reopened))).isEqualTo(reopened);
    }

    /** A device's connects its client left waiting for ever, as a worker sends it and {@code report} reads it back. */
    @Test
    void connectsLeftWaitingTravelByTheirWireName() {
        ConnectsStuckObserved stuck = new ConnectsStuckObserved(7_200_000, "d-1", "m", 6);

        assertThat(ObservationCodec.line(stuck))
                .isEqualTo("{\"type\":\"connects-stuck\",\"atMillis\":7200000,\"device\":\"d-1\",\"model\":\"m\",\"connects\":6}");
        assertThat(ObservationCodec.decode(ObservationCodec.line(stuck))).isEqualTo(stuck);
    }

    @Test
    void theEndOfTheRunReadsBackEqual() {
        RunEndedObserved ended = new RunEndedObserved(61_200_000, 48_123);

        assertThat(ObservationCodec.decode(new JsonObject(ObservationCodec.encode(ended).encode()))).isEqualTo(ended);
        assertThat(ObservationCodec.encode(ended).getString("type")).isEqualTo("run-ended");
        RunEndedObserved interrupted = new RunEndedObserved(7_200_000, 9_000, true);
        assertThat(ObservationCodec.decode(new JsonObject(ObservationCodec.encode(interrupted).encode()))).isEqualTo(interrupted);
    }

    @Test
    void aStreamWrittenBeforeRunsCouldBeInterruptedReadsAsARunThatEnded() {
        JsonObject older = new JsonObject().put("type", "run-ended").put("atMillis", 5).put("wallMillis", 6);

        assertThat(ObservationCodec.decode(older)).isEqualTo(new RunEndedObserved(5, 6));
    }

    @Test
    void aDescriptionWithoutItsModelsIsNotAnObservation() {
        JsonObject json = ObservationCodec.encode(new RunEndedObserved(0, 1)).put("type", "run-started");

        assertThatThrownBy(() -> ObservationCodec.decode(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an observation");
    }
}
