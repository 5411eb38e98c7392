package io.cloudcut.dashboard;

import io.cloudcut.harness.Scenarios;
import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.PhaseObserved;
import io.cloudcut.observation.ProbeObserved;
import io.cloudcut.observation.ProbeOutcome;
import io.cloudcut.observation.RecoveryObserved;
import io.cloudcut.observation.RunStartedObserved;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.testing.Project;
import io.vertx.core.json.JsonArray;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tiles from observations (short-outage's fleet, two devices per model): a page is told only the
 * tiles that changed; a late timeout does not undo a recovery; once the timeline is over the fleet's
 * shutdown leaves the tiles as they were.
 */
class FleetBoardTest {

    private static final String MODEL = "vacuum-local-first";
    private static final String DEVICE = MODEL + "-2";

    private final FleetBoard board = new FleetBoard();
    private Scenario scenario;

    @BeforeEach
    void runStarted() throws Exception {
        scenario = Scenarios.loader(Project.root()).load(Project.file("scenarios/short-outage.yaml")).withDevicesPerModel(2);
        board.accept(RunStartedObserved.of(scenario, "test"));
        board.tick();
    }

    @Test
    void aPageIsToldOnlyTheTilesThatChanged() {
        board.accept(ConnectionObserved.up(10, DEVICE, MODEL, 0, 5));
        JsonArray changes = board.tick().getJsonArray("changes");
        int tile = firstTileOf(MODEL);
        assertThat(changes).containsExactly(tile, TileState.CONNECTED.ordinal());
        assertThat(board.tick().getJsonArray("changes")).as("nothing changed since").isEmpty();

        board.accept(probe(20, "clean-from-app", ProbeOutcome.TIMED_OUT));
        assertThat(board.tick().getJsonArray("changes")).containsExactly(tile, TileState.IMPAIRED.ordinal());
        assertThat(board.model(MODEL).availability()).as("one function probed, failing").isEqualTo(0.0);
        board.accept(probe(30, "clean-from-app", ProbeOutcome.OK));
        assertThat(board.tick().getJsonArray("changes")).containsExactly(tile, TileState.CONNECTED.ordinal());
        assertThat(board.snapshot().getJsonArray("tiles")).hasSize(8);
    }

    @Test
    void aRecoveryClearsFailuresAndAnEarlierTimeoutLoggedAfterItDoesNotUndoIt() {
        board.accept(ConnectionObserved.up(10, DEVICE, MODEL, 0, 5));
        board.accept(probe(300, "status-report", ProbeOutcome.TIMED_OUT));
        board.accept(recovered(500));
        assertThat(board.model(MODEL).availability()).as("the recovery says every function works").isEqualTo(1.0);
        board.accept(probe(400, "clean-from-app", ProbeOutcome.TIMED_OUT));
        assertThat(board.model(MODEL).inState()[TileState.RECOVERED.ordinal()]).isEqualTo(1);
        board.accept(probe(600, "clean-from-app", ProbeOutcome.TIMED_OUT));
        assertThat(board.model(MODEL).inState()[TileState.IMPAIRED.ordinal()]).as("a later probe counts").isEqualTo(1);
    }

    @Test
    void theFleetsShutdownAfterTheTimelineLeavesTheTilesAsTheRunDid() {
        board.accept(ConnectionObserved.up(10, DEVICE, MODEL, 0, 5));
        board.accept(ConnectionObserved.down(20, DEVICE, MODEL, "blackhole"));
        board.accept(ConnectionObserved.up(30, DEVICE, MODEL, 25, 5));
        assertThat(board.connected()).isEqualTo(1);
        scenario.phases().forEach(phase -> board.accept(PhaseObserved.end(40, phase.name(), phase.kind().name(), 0, 0, 0)));
        board.accept(ConnectionObserved.down(50, DEVICE, MODEL, "closed"));
        assertThat(board.connected()).isEqualTo(1);
        assertThat(board.model(MODEL).connected()).isEqualTo(1);
    }

    /** {@code auto} runs a refused run again from the start: the board starts afresh with it, its phases uncounted. */
    @Test
    void aRunThatStartsAgainStartsTheBoardAfresh() {
        board.accept(ConnectionObserved.up(10, DEVICE, MODEL, 0, 5));
        scenario.phases().forEach(phase -> board.accept(PhaseObserved.end(40, phase.name(), phase.kind().name(), 0, 0, 0)));
        board.accept(RunStartedObserved.of(scenario, "test"));
        assertThat(board.connected()).as("a new fleet").isZero();
        assertThat(board.snapshot().getJsonArray("points")).isEmpty();

        board.accept(ConnectionObserved.up(10, DEVICE, MODEL, 0, 5));
        board.accept(ConnectionObserved.down(20, DEVICE, MODEL, "blackhole"));
        assertThat(board.connected()).as("its timeline is not over").isZero();
    }

    private int firstTileOf(String model) {
        return board.snapshot().getJsonArray("models").stream().map(io.vertx.core.json.JsonObject.class::cast)
                .filter(group -> group.getString("model").equals(model)).findFirst().orElseThrow().getInteger("first");
    }

    private static ProbeObserved probe(long at, String function, ProbeOutcome outcome) {
        return new ProbeObserved(at, "outage", 1, false, DEVICE, MODEL, function, "cloud", outcome, 5, 0, 0, 0, null);
    }

    private static RecoveryObserved recovered(long at) {
        return new RecoveryObserved(at, DEVICE, MODEL, true, 100, 10, 50, 40L, "docked", false);
    }
}
