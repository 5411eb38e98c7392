package io.cloudcut.dashboard;

import io.cloudcut.observation.ClockObserved;
import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.FaultObserved;
import io.cloudcut.observation.HealthObserved;
import io.cloudcut.observation.Observation;
import io.cloudcut.observation.PhaseObserved;
import io.cloudcut.observation.ProbeObserved;
import io.cloudcut.observation.RecoveryObserved;
import io.cloudcut.observation.RunStartedObserved;
import io.cloudcut.scenario.FleetEntry;
import io.cloudcut.scenario.WireNames;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The run as the dashboard shows it, kept from its observations as they come (on whichever thread
 * logs them): the fleet's tiles, the phase, the faults in force, the clock's scale, the harness's
 * health, a chart point per tick, and the report once the run is over. Pages are sent a
 * {@link #snapshot()} when they open, then a {@link #tick} twice a second with only what changed.
 *
 * <p>Once the timeline's last phase has ended, connections no longer change the tiles: the harness
 * then stops the devices, and the tiles keep the fleet as the run left it.
 */
final class FleetBoard implements Consumer<Observation> {

    /** Chart points kept; past it every other is dropped, so that a long run's history stays light. */
    static final int MOST_POINTS = 4000;

    private RunStartedObserved started;
    private DeviceTiles tiles;
    private String phase = "warming up";
    private int phasesStarted;
    private int phasesEnded;
    private final Set<String> faults = new LinkedHashSet<>();
    private double scale = 1;
    private long scenarioMillis;
    private HealthObserved health;
    private final List<JsonArray> points = new ArrayList<>();
    private JsonObject report;
    private boolean reportTold;
    private int layout;

    @Override
    public synchronized void accept(Observation observation) {
        scenarioMillis = Math.max(scenarioMillis, observation.atMillis());
        if (observation instanceof RunStartedObserved run) {
            begin(run);
        } else if (tiles == null) {
            return;
        } else if (observation instanceof ConnectionObserved change) {
            if (!timelineOver()) {
                tiles.connection(change);
            }
        } else if (observation instanceof ProbeObserved probe) {
            tiles.probe(probe);
        } else if (observation instanceof RecoveryObserved recovery) {
            tiles.recovery(recovery);
        } else if (observation instanceof PhaseObserved change) {
            if (change.started()) {
                phase = change.phase();
                phasesStarted++;
            } else {
                phasesEnded++;
            }
        } else if (observation instanceof FaultObserved fault) {
            if (fault.applied()) {
                faults.add(fault.fault());
            } else {
                faults.remove(fault.fault());
            }
        } else if (observation instanceof ClockObserved clock) {
            scale = clock.scale();
        } else if (observation instanceof HealthObserved judged) {
            health = judged;
        }
    }

    /** A run begins, or begins again ({@code auto} at a slower clock after a refused baseline): the board starts afresh. */
    private void begin(RunStartedObserved run) {
        started = run;
        phase = "warming up";
        phasesStarted = 0;
        phasesEnded = 0;
        faults.clear();
        scale = 1;
        scenarioMillis = 0;
        health = null;
        points.clear();
        Map<String, Integer> devices = new LinkedHashMap<>();
        for (FleetEntry entry : run.fleet()) {
            devices.merge(entry.model(), entry.count(), Integer::sum);
        }
        tiles = new DeviceTiles(run.models(), devices);
        layout++;
    }

    private boolean timelineOver() {
        return phasesEnded >= started.phases().size();
    }

    /** Where the scenario clock stands now (it moves between observations too). */
    synchronized void clock(long millis) {
        scenarioMillis = Math.max(scenarioMillis, millis);
    }

    /** The run is over: its report (the matrix, the ladder), or why it has none. */
    synchronized void finished(JsonObject report) {
        this.report = report;
    }

    /** Which layout of tiles the pages must have; a new one (the run began) needs a new snapshot. */
    synchronized int layout() {
        return layout;
    }

    /** Everything a page that just opened needs. */
    synchronized JsonObject snapshot() {
        JsonObject snapshot = new JsonObject()
                .put("states", new JsonArray(Arrays.stream(TileState.values()).map(Enum::name).toList()))
                .put("status", status())
                .put("points", new JsonArray(new ArrayList<>(points)));
        if (started != null) {
            snapshot.put("scenario", started.scenario()).put("description", started.description())
                    .put("models", models()).mergeIn(tiles.all());
        }
        if (report != null) {
            snapshot.put("report", report);
        }
        return snapshot;
    }

    /** What changed since the last tick (tiles, status), a new chart point, and the report once there is one. */
    synchronized JsonObject tick() {
        JsonObject tick = new JsonObject().put("status", status());
        if (tiles != null) {
            tick.mergeIn(tiles.changes());
            JsonArray point = point();
            JsonArray last = points.isEmpty() ? null : points.get(points.size() - 1);
            if (last != null && last.getDouble(0).equals(point.getDouble(0))) {
                points.set(points.size() - 1, point);
            } else {
                points.add(point);
                if (points.size() > MOST_POINTS) {
                    for (int i = points.size() - 2; i > 0; i -= 2) {
                        points.remove(i);
                    }
                }
            }
            tick.put("point", point);
        }
        if (report != null && !reportTold) {
            tick.put("report", report);
            reportTold = true;
        }
        return tick;
    }

    /** Devices connected now, over the fleet. */
    synchronized int connected() {
        return tiles == null ? 0 : tiles.groups().stream().mapToInt(group -> group.connected).sum();
    }

    /** Figures of one model, for the metrics; null before the run began or for a model not in it. */
    synchronized ModelFigures model(String model) {
        if (tiles == null) {
            return null;
        }
        return tiles.groups().stream().filter(group -> group.model.id().equals(model)).findFirst()
                .map(group -> new ModelFigures(group.connected, group.inState.clone(), group.availability()))
                .orElse(null);
    }

    /** A model's devices connected, in each {@link TileState} (by ordinal), and its function availability. */
    record ModelFigures(int connected, int[] inState, Double availability) {
    }

    synchronized double scenarioSeconds() {
        return scenarioMillis / 1000.0;
    }

    synchronized double scale() {
        return scale;
    }

    synchronized int faultsInForce() {
        return faults.size();
    }

    /** The harness's latest verdict on itself (the baseline's, then the whole run's); null before. */
    synchronized HealthObserved health() {
        return health;
    }

    private JsonArray models() {
        JsonArray models = new JsonArray();
        for (DeviceTiles.Group group : tiles.groups()) {
            models.add(new JsonObject().put("model", group.model.id()).put("kind", group.model.kind().name().toLowerCase())
                    .put("first", group.first).put("size", group.size));
        }
        return models;
    }

    private JsonObject status() {
        JsonObject status = new JsonObject().put("scenarioSeconds", scenarioMillis / 1000.0).put("scale", scale)
                .put("phase", phase).put("phaseNumber", phasesStarted)
                .put("phases", started == null ? 0 : started.phases().size())
                .put("faults", new JsonArray(new ArrayList<>(faults)))
                .put("devices", tiles == null ? 0 : tiles.size()).put("connected", connected())
                .put("over", report != null);
        if (tiles != null) {
            JsonArray counts = new JsonArray();
            int[] total = new int[TileState.values().length];
            tiles.groups().forEach(group -> Arrays.setAll(total, i -> total[i] + group.inState[i]));
            Arrays.stream(total).forEach(counts::add);
            status.put("inState", counts);
        }
        if (health != null) {
            status.put("health", new JsonObject().put("window", WireNames.of(health.window())).put("healthy", health.healthy())
                    .put("lagP99Millis", health.lagP99Millis()).put("summary", health.summary()));
        }
        return status;
    }

    /** {@code [scenario seconds, connected, connected per model..., availability % per model...]}. */
    private JsonArray point() {
        JsonArray point = new JsonArray().add(scenarioMillis / 1000.0).add(connected());
        tiles.groups().forEach(group -> point.add(group.connected));
        tiles.groups().forEach(group -> {
            Double availability = group.availability();
            point.add(availability == null ? null : Math.round(availability * 1000) / 10.0);
        });
        return point;
    }
}
