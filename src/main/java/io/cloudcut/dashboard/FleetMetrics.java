package io.cloudcut.dashboard;

import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.EventsObserved;
import io.cloudcut.observation.HealthObserved;
import io.cloudcut.observation.Observation;
import io.cloudcut.observation.ProbeObserved;
import io.cloudcut.observation.RunStartedObserved;
import io.cloudcut.scenario.DeviceModel;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * The run's figures as Micrometer meters, for {@code /metrics} (Prometheus names in brackets):
 * <ul>
 *   <li>the fleet: devices connected [{@code cloudcut_fleet_connected}], and per model connected
 *       [{@code cloudcut_model_connected}], in each tile state [{@code cloudcut_model_devices{state}}]
 *       and the share of its functions that worked at their last probe
 *       [{@code cloudcut_model_availability_ratio}];</li>
 *   <li>probes by model and outcome [{@code cloudcut_probes_total{outcome}}];</li>
 *   <li>reconnections as they happen [{@code cloudcut_reconnects_total}], and reconnect attempts
 *       [{@code cloudcut_reconnect_attempts_total}] and events by fate
 *       [{@code cloudcut_events_total{fate}}: delivered, buffered, dropped-REASON] from each device's
 *       account, which the devices give when the run ends;</li>
 *   <li>the scenario clock [{@code cloudcut_scenario_time_seconds}, {@code cloudcut_time_scale}],
 *       the faults in force [{@code cloudcut_faults_active}], and the harness's health once judged
 *       [{@code cloudcut_harness_healthy} 1 or 0, {@code cloudcut_harness_lag_p99_seconds}].</li>
 * </ul>
 * Gauges read the {@link FleetBoard}, so that the page and the metrics agree; counters count here.
 */
final class FleetMetrics implements Consumer<Observation> {

    private final MeterRegistry registry;
    private final FleetBoard board;
    private final Set<String> connectedOnce = new HashSet<>();

    FleetMetrics(MeterRegistry registry, FleetBoard board) {
        this.registry = registry;
        this.board = board;
        Gauge.builder("cloudcut.fleet.connected", board, FleetBoard::connected)
                .description("Devices connected to the broker").register(registry);
        Gauge.builder("cloudcut.scenario.time", board, FleetBoard::scenarioSeconds).baseUnit("seconds")
                .description("Scenario time since the run's origin").register(registry);
        Gauge.builder("cloudcut.time.scale", board, FleetBoard::scale)
                .description("Scenario seconds per real second now").register(registry);
        Gauge.builder("cloudcut.faults.active", board, FleetBoard::faultsInForce)
                .description("Faults in force (link and service faults as the scenario names them)").register(registry);
        Gauge.builder("cloudcut.harness.healthy", board, watched -> health(watched, judged -> judged.healthy() ? 1 : 0))
                .description("1 when the harness could measure (its latest health check), 0 when not").register(registry);
        Gauge.builder("cloudcut.harness.lag.p99", board, watched -> health(watched, judged -> judged.lagP99Millis() / 1000.0))
                .baseUnit("seconds").description("Event-loop lag p99 at the harness's latest health check").register(registry);
    }

    @Override
    public void accept(Observation observation) {
        if (observation instanceof RunStartedObserved run) {
            run.models().forEach(this::registerModel);
        } else if (observation instanceof ProbeObserved probe) {
            registry.counter("cloudcut.probes", "model", probe.model(), "outcome", probe.outcome().name()).increment();
        } else if (observation instanceof ConnectionObserved change && ConnectionObserved.UP.equals(change.change())) {
            boolean again;
            synchronized (connectedOnce) {
                again = !connectedOnce.add(change.device());
            }
            if (again) {
                registry.counter("cloudcut.reconnects", "model", change.model()).increment();
            }
        } else if (observation instanceof EventsObserved account) {
            registry.counter("cloudcut.reconnect.attempts", "model", account.model()).increment(account.reconnectAttempts());
            events(account.model(), "delivered", account.delivered());
            events(account.model(), "buffered", account.buffered());
            account.dropped().forEach((reason, count) -> events(account.model(), "dropped-" + reason, count));
        }
    }

    private void events(String model, String fate, long count) {
        registry.counter("cloudcut.events", "model", model, "fate", fate).increment(count);
    }

    private void registerModel(DeviceModel model) {
        String id = model.id();
        gauge("cloudcut.model.connected", id, null, figures -> figures.connected());
        for (TileState state : TileState.values()) {
            gauge("cloudcut.model.devices", id, state, figures -> figures.inState()[state.ordinal()]);
        }
        Gauge.builder("cloudcut.model.availability", board, watched -> {
            FleetBoard.ModelFigures figures = watched.model(id);
            return figures == null || figures.availability() == null ? Double.NaN : figures.availability();
        }).baseUnit("ratio").tag("model", id).description("Share of the model's functions that worked at their last probe")
                .register(registry);
    }

    private void gauge(String name, String model, TileState state, ToDoubleFunction<FleetBoard.ModelFigures> figure) {
        Gauge.Builder<FleetBoard> gauge = Gauge.builder(name, board, watched -> {
            FleetBoard.ModelFigures figures = watched.model(model);
            return figures == null ? Double.NaN : figure.applyAsDouble(figures);
        }).tag("model", model);
        if (state != null) {
            gauge.tag("state", state.name().toLowerCase(Locale.ROOT));
        }
        gauge.register(registry);
    }

    private static double health(FleetBoard board, ToDoubleFunction<HealthObserved> figure) {
        HealthObserved health = board.health();
        return health == null ? Double.NaN : figure.applyAsDouble(health);
    }
}
