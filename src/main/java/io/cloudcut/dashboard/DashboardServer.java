package io.cloudcut.dashboard;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The dashboard's HTTP server on 127.0.0.1: the page and its assets (the chart library from its
 * webjar, all from the jar: the page asks nothing of any other host), {@code /events} (server-sent
 * events: a {@code snapshot} when a page opens, then a {@code tick} every {@link #TICK}), and
 * {@code /metrics} for Prometheus.
 */
final class DashboardServer {

    static final Duration TICK = Duration.ofMillis(500);
    static final String HOST = "127.0.0.1";

    private static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";
    private static final String PAGE = "io/cloudcut/dashboard/";

    private final Vertx vertx;
    private final FleetBoard board;
    /** The pages' event streams: added and removed on the server's event loop, told on the timer's. */
    private final List<HttpServerResponse> pages = new CopyOnWriteArrayList<>();
    private final Promise<Void> firstPage = Promise.promise();
    private HttpServer server;
    private long timer;
    private int layoutTold;

    private DashboardServer(Vertx vertx, FleetBoard board) {
        this.vertx = vertx;
        this.board = board;
    }

    static Future<DashboardServer> start(Vertx vertx, FleetBoard board, PrometheusMeterRegistry registry, int port) {
        DashboardServer dashboard = new DashboardServer(vertx, board);
        Router router = Router.router(vertx);
        asset(router, "/", PAGE + "index.html", "text/html; charset=utf-8");
        asset(router, "/dashboard.js", PAGE + "dashboard.js", "text/javascript; charset=utf-8");
        asset(router, "/dashboard.css", PAGE + "dashboard.css", "text/css; charset=utf-8");
        asset(router, "/uPlot.iife.min.js", UPLOT + "uPlot.iife.min.js", "text/javascript; charset=utf-8");
        asset(router, "/uPlot.min.css", UPLOT + "uPlot.min.css", "text/css; charset=utf-8");
        router.get("/events").handler(context -> dashboard.subscribe(context.response()));
        router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
        return vertx.createHttpServer(new HttpServerOptions().setHost(HOST).setPort(port))
                .requestHandler(router)
                .listen()
                .map(server -> {
                    dashboard.server = server;
                    dashboard.timer = vertx.setPeriodic(TICK.toMillis(), tick -> dashboard.tick());
                    return dashboard;
                });
    }

    int port() {
        return server.actualPort();
    }

    /** Completes when the first page opens the event stream (a replay waits for it). */
    Future<Void> firstPage() {
        return firstPage.future();
    }

    Future<Void> close() {
        vertx.cancelTimer(timer);
        return server.close();
    }

    private void subscribe(HttpServerResponse page) {
        page.setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-store");
        send(page, "snapshot", board.snapshot());
        pages.add(page);
        page.closeHandler(closed -> pages.remove(page));
        firstPage.tryComplete();
    }

    private void tick() {
        int layout = board.layout();
        if (layout != layoutTold) {
            layoutTold = layout;
            board.tick();
            JsonObject snapshot = board.snapshot();
            pages.forEach(page -> send(page, "snapshot", snapshot));
        } else {
            JsonObject tick = board.tick();
            pages.forEach(page -> send(page, "tick", tick));
        }
    }

    private static void send(HttpServerResponse page, String event, JsonObject data) {
        if (!page.closed()) {
            page.write("event: " + event + "\ndata: " + data.encode() + "\n\n");
        }
    }

    /** Read from the jar once: a handful of small files. */
    private static void asset(Router router, String path, String resource, String type) {
        Buffer content = Buffer.buffer(read(resource));
        router.get(path).handler(context -> context.response().putHeader("Content-Type", type).end(content));
    }

    private static byte[] read(String resource) {
        try (InputStream in = DashboardServer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing from the jar: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
