package io.cloudcut.dashboard;

import io.cloudcut.harness.InfrastructureException;
import io.cloudcut.harness.ProgressListener;
import io.cloudcut.harness.RunResult;
import io.cloudcut.harness.RunSettings;
import io.cloudcut.harness.RunStatus;
import io.cloudcut.harness.ScenarioRunner;
import io.cloudcut.harness.Scenarios;
import io.cloudcut.observation.EventsObserved;
import io.cloudcut.observation.HealthObserved;
import io.cloudcut.observation.ProbeObserved;
import io.cloudcut.scenario.Durations;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.testing.ObservationRecorder;
import io.cloudcut.testing.Project;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /metrics} scraped while a real run goes (short-outage, one device per model: about 30 s):
 * the connected gauge equals the devices connected in the run's own status (kept by the harness,
 * not the dashboard) with the fleet up and again once the blackholed links have dropped them; the
 * per-model and per-state gauges add up to it and to the fleet; and once the run is over every
 * counter equals what the observations say (probes by outcome, reconnect attempts, events by fate),
 * and the harness's health is the run's; every metric the shipped Grafana dashboard queries is exposed.
 */
class DashboardMetricsTest {

    private static final int DEVICES = 4;
    private static final Path GRAFANA = Project.file("dashboards/grafana/cloudcut.json");
    private static final Pattern METRIC = Pattern.compile("cloudcut_[a-z0-9_]+");

    @Test
    void theGaugesFollowTheFleetAndTheCountersTheObservations() throws Exception {
        Scenario scenario = Scenarios.loader(Project.root()).load(Project.file("scenarios/short-outage.yaml"))
                .withDevicesPerModel(1);
        // A run the harness could not measure (a machine busy with other forks) runs once more, as in every scenario test.
        if (!gaugesFollowTheFleet(scenario)) {
            assertThat(gaugesFollowTheFleet(scenario)).as("the harness could measure one of two runs").isTrue();
        }
    }

    /** One run scraped and checked; false when the harness could not measure it (its baseline was not healthy). */
    private static boolean gaugesFollowTheFleet(Scenario scenario) throws Exception {
        AtomicReference<RunStatus> status = new AtomicReference<>();
        StatusTrail trail = new StatusTrail();
        ProgressListener recorder = new ProgressListener() {
            @Override
            public void status(RunStatus now) {
                status.set(now);
                trail.add(now);
            }
        };
        ObservationRecorder observed = new ObservationRecorder();
        try (Dashboard dashboard = Dashboard.start(0)) {
            URI metrics = dashboard.url().resolve("metrics");
            RunSettings settings = RunSettings.embedded(Project.file("broker-config"))
                    .watchedBy(ProgressListener.both(ProgressListener.both(recorder, dashboard.listener()),
                            ProgressListener.observing(observed)));
            CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return new ScenarioRunner(settings).run(scenario);
                } catch (InfrastructureException failed) {
                    throw new CompletionException(failed);
                }
            });

            Scrape up = awaitConnectedAsInTheStatus(metrics, status, trail, run, "every device connected",
                    now -> now.connected() == DEVICES);
            Scrape outage = up == null ? null : awaitConnectedAsInTheStatus(metrics, status, trail, run,
                    "a device down in the outage", now -> "outage".equals(now.phase()) && now.connected() < DEVICES);
            if (outage == null) {
                return false;
            }
            assertThat(outage.sumBy("cloudcut_model_connected", null).get("")).as("connected per model, summed")
                    .isEqualTo(outage.value("cloudcut_fleet_connected"));
            assertThat(outage.sumBy("cloudcut_model_devices", null).get("")).as("devices in each state, summed")
                    .isEqualTo(DEVICES);
            assertThat(outage.sumBy("cloudcut_model_devices", "state").get("offline")).as("offline devices")
                    .isEqualTo(DEVICES - outage.value("cloudcut_fleet_connected"));
            assertThat(outage.sumBy("cloudcut_probes_total", "outcome").get("OK")).as("probes that worked so far").isPositive();

            RunResult result = run.get(3, TimeUnit.MINUTES);
            Scrape after = Scrape.of(metrics);
            Map<String, Double> probes = after.sumBy("cloudcut_probes_total", "outcome");
            Map<String, Long> logged = observed.only(ProbeObserved.class).stream().collect(Collectors.groupingBy(probe -> probe.outcome().name(), Collectors.counting()));
            assertThat(probes.keySet()).as("probe outcomes: some failed in the outage").isEqualTo(logged.keySet())
                    .contains("OK").hasSizeGreaterThan(1);
            logged.forEach((outcome, count) -> assertThat(probes.get(outcome)).as(outcome).isEqualTo(count.doubleValue()));

            List<EventsObserved> accounts = observed.only(EventsObserved.class);
            assertThat(after.sumBy("cloudcut_events_total", "fate").get("delivered")).as("events delivered")
                    .isEqualTo(accounts.stream().mapToDouble(EventsObserved::delivered).sum()).isPositive();
            assertThat(after.sumBy("cloudcut_reconnect_attempts_total", null).get("")).as("reconnect attempts")
                    .isEqualTo(accounts.stream().mapToDouble(EventsObserved::reconnectAttempts).sum());
            assertThat(after.sumBy("cloudcut_reconnects_total", null).get("")).as("devices that reconnected after the blackhole")
                    .isGreaterThanOrEqualTo(DEVICES - outage.value("cloudcut_fleet_connected"));

            HealthObserved health = result.health(HealthObserved.Window.RUN).orElseThrow();
            assertThat(after.value("cloudcut_harness_healthy")).isEqualTo(health.healthy() ? 1 : 0);
            assertThat(after.value("cloudcut_harness_lag_p99_seconds")).isEqualTo(health.lagP99Millis() / 1000.0);
            assertThat(after.text()).as("Vert.x Micrometer's own figures of the dashboard's server")
                    .contains("vertx_http_server_requests_total");
            assertThat(metricsIn(GRAFANA)).as("metrics the shipped Grafana dashboard queries, all exposed").isNotEmpty()
                    .allMatch(name -> after.text().contains("\n" + name), "exposed");
            return true;
        }
    }

    /** The statuses a run showed, one entry each time its phase or its count of devices connected changed. */
    private static final class StatusTrail {
        private final List<String> changes = new ArrayList<>();
        private String last = "";

        synchronized void add(RunStatus now) {
            String seen = now.phase() + " " + now.connected();
            if (!seen.equals(last)) {
                changes.add(seen + " at " + Durations.format(now.scenarioTime()));
                last = seen;
            }
        }

        @Override
        public synchronized String toString() {
            return String.join(", ", changes);
        }
    }

    private static Set<String> metricsIn(Path grafana) throws IOException {
        Set<String> names = new TreeSet<>();
        new JsonObject(Files.readString(grafana)).getJsonArray("panels").stream().map(JsonObject.class::cast)
                .flatMap(panel -> panel.getJsonArray("targets").stream().map(JsonObject.class::cast))
                .map(target -> METRIC.matcher(target.getString("expr")))
                .forEach(found -> found.results().forEach(name -> names.add(name.group())));
        return names;
    }

    /**
     * Waits until the status matches {@code when} and the connected gauge equals its devices connected; null when the
     * run ended first because the harness could not measure it (it ended first for any other reason: a failure).
     */
    private static Scrape awaitConnectedAsInTheStatus(URI metrics, AtomicReference<RunStatus> status, StatusTrail trail,
                                                     CompletableFuture<RunResult> run, String awaited,
                                                     java.util.function.Predicate<RunStatus> when) throws Exception {
        AtomicReference<Scrape> matched = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50)).until(() -> {
            RunStatus now = status.get();
            if (now == null || !when.test(now)) {
                return run.isDone();
            }
            Scrape scrape = Scrape.of(metrics);
            // The same count before and after the scrape, not the same status: a status comes every 500 ms, and
            // scrapes slower than that on a loaded machine would never match (a CI run once matched none).
            if (scrape.value("cloudcut_fleet_connected") == now.connected() && status.get().connected() == now.connected()) {
                matched.set(scrape);
                return true;
            }
            return false;
        });
        if (matched.get() == null) {
            HealthObserved baseline = run.get().health(HealthObserved.Window.BASELINE).orElseThrow();
            assertThat(baseline.healthy()).as("the run ended before its status showed %s with the same count scraped "
                    + "(statuses seen, phase and devices connected, each from the scenario time it was first seen: %s; "
                    + "last: %s)", awaited, trail, status.get()).isFalse();
            System.err.println("the harness could not measure the run; once more: " + baseline.problems());
        }
        return matched.get();
    }
}
