package io.cloudcut.fault;

import io.cloudcut.mqtt.NativeTransport;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The HTTP API of a fault proxy, in the manner of Toxiproxy's, on 127.0.0.1 only; {@code /openapi.json}
 * describes every route:
 * <ul>
 * <li>{@code GET /faults}: the active faults; {@code POST /faults}: add one (201; 409 if the name is taken;
 * a one-shot fault such as disconnect acts at once and is answered with {@code "done": true}, never active),
 * body {@code {"type":"latency","name":"slow-up","direction":"upstream","target":"all","attributes":{"latency":500}}}
 * where direction is upstream, downstream or both (default), target is "all" (default), a list of link
 * ids, {@code {"percent":50}} or {@code {"clients":["robot-*"]}}, plus {@code toxicity} (0 to 1, with a
 * {@code seed}) and {@code duration} (ms) if wanted;</li>
 * <li>{@code GET /faults/{name}}, {@code DELETE /faults/{name}}: one fault (404 if none); {@code POST /reset}: remove all (204);</li>
 * <li>{@code GET /links}: each link's id, port, open connections, counters, and active faults by name;</li>
 * <li>{@code GET /connections}, {@code GET /connections/{id}}: each client connection, open or lately closed;</li>
 * <li>{@code GET /events}: connection and fault changes as they happen, as JSON Lines.</li>
 * </ul>
 * Every error is {@code {"error": "..."}} with a 4xx status; a body over {@link #MAX_BODY_BYTES} gets 413.
 */
public final class FaultApi implements AutoCloseable {

    /** The largest request body taken: a fault is a few hundred bytes. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    private static final String OPENAPI = "openapi.json";

    /** An answer: a status and a JSON body, or none. */
    private record Reply(int status, Object body) {
    }

    /** A request the API refuses, with its 4xx status. */
    private static final class Refusal extends RuntimeException {
        private final int status;

        Refusal(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private final FaultProxy proxy;
    private final FaultBoard board;
    private final Vertx vertx = Vertx.vertx(NativeTransport.vertxOptions());
    private final Router router = Router.router(vertx);
    private final Buffer openApi = openApi();
    private final HttpServer server;

    private FaultApi(FaultProxy proxy, FaultBoard board, String host, int port) throws Exception {
        this.proxy = proxy;
        this.board = board;
        routes();
        try {
            this.server = vertx.createHttpServer().requestHandler(router).listen(port, host)
                    .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception failed) {
            vertx.close();
            throw failed;
        }
    }

    /**
     * Serves the API for {@code board}'s faults on {@code host:port} (port 0: a free one).
     *
     * @throws IllegalArgumentException if the host is not a loopback address
     * @throws Exception                if the port cannot be bound
     */
    public static FaultApi start(FaultProxy proxy, FaultBoard board, String host, int port) throws Exception {
        if (!isLoopback(host)) {
            throw new IllegalArgumentException("The fault API listens on loopback addresses only (127.0.0.1, ::1, localhost), not " + host);
        }
        return new FaultApi(proxy, board, host, port);
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException unknown) {
            return false;
        }
    }

    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    /** Every route served, as {@code METHOD /path/{param}}, as the OpenAPI description writes them. */
    Set<String> routeNames() {
        return router.getRoutes().stream().filter(route -> route.getPath() != null && route.methods() != null)
                .flatMap(route -> route.methods().stream().map(method -> method + " " + route.getPath().replaceAll(":(\\w+)", "{$1}")))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private void routes() {
        router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        answer(HttpMethod.GET, "/faults", context -> new Reply(200, new JsonArray(board.faults().stream().map(FaultJson::toJson).toList())));
        answer(HttpMethod.POST, "/faults", context -> addFault(context.body().buffer()));
        answer(HttpMethod.GET, "/faults/:name", context -> new Reply(200, FaultJson.toJson(board.fault(context.pathParam("name"))
                .orElseThrow(() -> noFault(context.pathParam("name"))))));
        answer(HttpMethod.DELETE, "/faults/:name", context -> removeFault(context.pathParam("name")));
        answer(HttpMethod.POST, "/reset", context -> {
            board.reset();
            return new Reply(204, null);
        });
        answer(HttpMethod.GET, "/links", context -> new Reply(200,
                new JsonArray(proxy.links().stream().map(link -> FaultJson.toJson(link, board)).toList())));
        answer(HttpMethod.GET, "/connections", context -> new Reply(200, new JsonArray(proxy.links().stream()
                .flatMap(link -> link.connectionViews().stream()).map(view -> FaultJson.toJson(view, board)).toList())));
        answer(HttpMethod.GET, "/connections/:id", context -> new Reply(200, proxy.links().stream()
                .flatMap(link -> link.connectionView(context.pathParam("id")).stream()).findFirst()
                .map(view -> FaultJson.toJson(view, board))
                .orElseThrow(() -> new Refusal(404, "No connection '" + context.pathParam("id")
                        + "'; GET /connections lists the open ones and the latest closed"))));
        router.get("/events").handler(context -> EventStream.open(context.response(), proxy.events()));
        router.get("/" + OPENAPI).handler(context -> context.response().putHeader("content-type", "application/json").end(openApi));
        router.errorHandler(404, context -> send(context, new Reply(404, error("No route " + context.request().path()
                + "; routes: " + String.join(", ", routeNames())))));
        router.errorHandler(405, context -> send(context, new Reply(405, error("Method " + context.request().method()
                + " not allowed on " + context.request().path() + "; allowed: " + allowedOn(context.request().path())))));
        router.errorHandler(413, context -> send(context, new Reply(413, error("The body is over " + MAX_BODY_BYTES
                + " bytes; a fault takes a few hundred"))));
        router.errorHandler(500, context -> send(context, new Reply(500, error(String.valueOf(context.failure())))));
    }

    /**
     * Off Vert.x's event loop: adding and removing a fault wait for the proxy's event loops, and reading
     * the board waits for a change in progress.
     */
    private void answer(HttpMethod method, String path, Function<RoutingContext, Reply> handler) {
        router.route(method, path).blockingHandler(context -> send(context, replyOf(handler, context)), false);
    }

    private static Reply replyOf(Function<RoutingContext, Reply> handler, RoutingContext context) {
        try {
            return handler.apply(context);
        } catch (Refusal refused) {
            return new Reply(refused.status, error(refused.getMessage()));
        }
    }

    private static void send(RoutingContext context, Reply reply) {
        context.response().setStatusCode(reply.status());
        if (reply.body() == null) {
            context.response().end();
        } else {
            context.response().putHeader("content-type", "application/json").end(Json.encode(reply.body()));
        }
    }

    private static JsonObject error(String message) {
        return new JsonObject().put("error", message);
    }

    private String allowedOn(String path) {
        return router.getRoutes().stream().filter(route -> route.getPath() != null && route.methods() != null)
                .filter(route -> path.matches(route.getPath().replaceAll(":\\w+", "[^/]+")))
                .flatMap(route -> route.methods().stream()).map(HttpMethod::name).sorted().collect(Collectors.joining(", "));
    }

    private Reply addFault(Buffer body) {
        NamedFault fault;
        FaultBoard.Added added;
        try {
            fault = FaultJson.parse(body == null ? Buffer.buffer() : body);
            added = board.add(fault);
        } catch (IllegalArgumentException bad) {
            throw new Refusal(400, bad.getMessage());
        }
        if (added == FaultBoard.Added.NAME_TAKEN) {
            throw new Refusal(409, "A fault named '" + fault.name() + "' is already active; DELETE /faults/" + fault.name() + " first");
        }
        JsonObject json = FaultJson.toJson(fault);
        return new Reply(201, added == FaultBoard.Added.DONE ? json.put("done", true) : json);
    }

    private Reply removeFault(String name) {
        if (!board.remove(name)) {
            throw noFault(name);
        }
        return new Reply(204, null);
    }

    private Refusal noFault(String name) {
        return new Refusal(404, "No active fault named '" + name + "'; active: " + board.faults().stream().map(NamedFault::name).toList());
    }

    /** The resource, with the fault types filled in from {@link LinkFaults}, their one registry. */
    private static Buffer openApi() {
        JsonObject description;
        try (InputStream in = FaultApi.class.getResourceAsStream(OPENAPI)) {
            if (in == null) {
                throw new IllegalStateException("The fault API's " + OPENAPI + " is missing from the classpath");
            }
            description = new JsonObject(Buffer.buffer(in.readAllBytes()));
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        description.getJsonObject("components").getJsonObject("schemas").getJsonObject("FaultRequest")
                .getJsonObject("properties").getJsonObject("type").put("enum", new JsonArray(List.copyOf(LinkFaults.names())));
        return description.toBuffer();
    }
}
