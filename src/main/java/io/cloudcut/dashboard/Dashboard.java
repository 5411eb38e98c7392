package io.cloudcut.dashboard;

import io.cloudcut.harness.ProgressListener;
import io.cloudcut.harness.RunResult;
import io.cloudcut.harness.RunStatus;
import io.cloudcut.mqtt.NativeTransport;
import io.cloudcut.observation.HealthObserved;
import io.cloudcut.observation.Observation;
import io.cloudcut.report.ModelVerdict;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A live view of a run in a browser, and its metrics for Prometheus, served on 127.0.0.1: the page at
 * {@link #url()}, {@code /metrics} beside it. Fed by a run as it goes ({@link #listener()}), or by a
 * finished run's observations ({@link #replay}); {@link #show} gives it the run's verdicts at the end.
 * It serves on a Vert.x instance of its own, whose figures (HTTP, event loops) Vert.x Micrometer adds to
 * {@code /metrics}: pages and scrapes are answered there, and the run's threads only update counts.
 */
public final class Dashboard implements AutoCloseable {

    private static final long START_SECONDS = 30;

    private final Vertx vertx;
    private final FleetBoard board;
    private final FleetMetrics metrics;
    private final DashboardServer server;

    private Dashboard(Vertx vertx, FleetBoard board, FleetMetrics metrics, DashboardServer server) {
        this.vertx = vertx;
        this.board = board;
        this.metrics = metrics;
        this.server = server;
    }

    /**
     * Serves a dashboard on 127.0.0.1:{@code port} (0: a free port).
     *
     * @throws IllegalStateException when it cannot listen there (the port taken, say)
     */
    public static Dashboard start(int port) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Vertx vertx = Vertx.builder()
                .with(NativeTransport.vertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
                        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
        FleetBoard board = new FleetBoard();
        try {
            DashboardServer server = await(DashboardServer.start(vertx, board, registry, port));
            return new Dashboard(vertx, board, new FleetMetrics(registry, board), server);
        } catch (IllegalStateException failed) {
            vertx.close();
            throw new IllegalStateException("the dashboard cannot listen on " + DashboardServer.HOST + ":" + port + ": "
                    + failed.getMessage(), failed);
        }
    }

    /** The page. */
    public URI url() {
        return URI.create("http://" + DashboardServer.HOST + ":" + server.port() + "/");
    }

    /** What a run tells the dashboard while it goes: its observations, and the scenario clock every status. */
    public ProgressListener listener() {
        return new ProgressListener() {
            @Override
            public void observed(Observation observation) {
                feed(observation);
            }

            @Override
            public void status(RunStatus status) {
                board.clock(status.scenarioTime().toMillis());
            }
        };
    }

    /**
     * Replays a finished run's observations (its {@code observations.jsonl}, already read through
     * once into {@code run}) at the pace its scenario clock ran, {@code speed} times faster, from the
     * moment the first page opens, then shows its verdicts; returns at once. The file is streamed
     * again as the replay goes, so a long run's replay holds its verdicts, not its observations.
     *
     * @return when the replay has shown the last observation and the verdicts
     */
    public Future<Void> replay(Path observations, RunResult run, double speed) {
        Replay replay = new Replay(observations, speed);
        JsonObject verdicts = verdicts(run);
        return server.firstPage().compose(opened -> replay.play(vertx, this::feed))
                .onSuccess(replayed -> board.finished(verdicts));
    }

    /**
     * The run is over: the page shows its verdict ladder and matrix, or why there are none (a baseline
     * that was not healthy, a stream cut short); the event stream then ends.
     */
    public void show(RunResult result) {
        board.finished(verdicts(result));
    }

    private static JsonObject verdicts(RunResult result) {
        JsonObject shown = new JsonObject()
                .put("ladder", new JsonArray(Arrays.stream(ModelVerdict.values()).map(Enum::name).toList()));
        Optional<HealthObserved> baseline = result.health(HealthObserved.Window.BASELINE);
        if (baseline.isPresent() && !baseline.get().healthy()) {
            return shown.put("problem", "no verdicts: the harness could not measure this run (its baseline was not healthy): "
                    + String.join("; ", baseline.get().problems()));
        }
        try {
            return shown.put("report", JsonObject.mapFrom(result.report()));
        } catch (IllegalArgumentException cutShort) {
            return shown.put("problem", "no verdicts: " + cutShort.getMessage());
        }
    }

    private void feed(Observation observation) {
        board.accept(observation);
        metrics.accept(observation);
    }

    /** Stops serving; a page already open keeps what it shows. */
    @Override
    public void close() {
        try {
            await(server.close());
        } finally {
            await(vertx.close());
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(START_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            throw new IllegalStateException(failed.getCause().getMessage(), failed.getCause());
        } catch (TimeoutException | InterruptedException stuck) {
            if (stuck instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("no answer within " + START_SECONDS + " s", stuck);
        }
    }
}
