package io.cloudcut.fault;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP API of a fault proxy, in the manner of Toxiproxy's, on 127.0.0.1 only:
 * <ul>
 * <li>{@code GET /faults}: the active faults; {@code POST /faults}: add one (201; 409 if the name is taken;
 * a one-shot fault such as disconnect acts at once and is answered with {@code "done": true}, never active),
 * body {@code {"type":"latency","name":"slow-up","direction":"upstream","target":"all","attributes":{"latency":500}}}
 * where direction is upstream, downstream or both (default) and target is "all" (default), a list of link
 * ids or {@code {"percent":50}};</li>
 * <li>{@code DELETE /faults/{name}}: remove one (204; 404); {@code POST /reset}: remove all (204);</li>
 * <li>{@code GET /links}: each link's id, port, open connections, counters, and active faults by name,
 * as posted (two of one type told apart).</li>
 * </ul>
 * Every error is {@code {"error": "..."}} with a 4xx status.
 */
public final class FaultApi implements AutoCloseable {

    private static final String ROUTES = "GET /faults, POST /faults, DELETE /faults/{name}, POST /reset, GET /links";

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
    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;

    private FaultApi(FaultProxy proxy, FaultBoard board, String host, int port) throws Exception {
        this.proxy = proxy;
        this.board = board;
        try {
            this.server = vertx.createHttpServer().requestHandler(this::handle).listen(port, host)
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

    private void handle(HttpServerRequest request) {
        request.body()
                // Applying a fault waits for the proxy's event loop: not on Vert.x's.
                .compose(body -> vertx.executeBlocking(() -> route(request.method(), request.path(), body)))
                .recover(failure -> Future.succeededFuture(failure instanceof Refusal refusal
                        ? new Reply(refusal.status, new JsonObject().put("error", refusal.getMessage()))
                        : new Reply(500, new JsonObject().put("error", String.valueOf(failure)))))
                .onSuccess(reply -> {
                    request.response().setStatusCode(reply.status());
                    if (reply.body() == null) {
                        request.response().end();
                    } else {
                        request.response().putHeader("content-type", "application/json").end(Json.encode(reply.body()));
                    }
                });
    }

    private Reply route(HttpMethod method, String path, Buffer body) {
        if (path.equals("/faults")) {
            return method == HttpMethod.GET ? new Reply(200, new JsonArray(board.faults().stream().map(FaultJson::toJson).toList()))
                    : method == HttpMethod.POST ? addFault(body) : notAllowed(method, path, "GET, POST");
        }
        if (path.startsWith("/faults/")) {
            return method == HttpMethod.DELETE ? removeFault(path.substring("/faults/".length())) : notAllowed(method, path, "DELETE");
        }
        if (path.equals("/reset")) {
            if (method != HttpMethod.POST) {
                return notAllowed(method, path, "POST");
            }
            board.reset();
            return new Reply(204, null);
        }
        if (path.equals("/links")) {
            return method == HttpMethod.GET ? new Reply(200, new JsonArray(proxy.links().stream().map(link -> FaultJson.toJson(link, board)).toList()))
                    : notAllowed(method, path, "GET");
        }
        throw new Refusal(404, "No route " + path + "; routes: " + ROUTES);
    }

    private Reply addFault(Buffer body) {
        NamedFault fault;
        try {
            fault = FaultJson.parse(body);
        } catch (IllegalArgumentException bad) {
            throw new Refusal(400, bad.getMessage());
        }
        FaultBoard.Added added;
        try {
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
            throw new Refusal(404, "No active fault named '" + name + "'; active: "
                    + board.faults().stream().map(NamedFault::name).toList());
        }
        return new Reply(204, null);
    }

    private static Reply notAllowed(HttpMethod method, String path, String allowed) {
        throw new Refusal(405, "Method " + method + " not allowed on " + path + "; allowed: " + allowed);
    }
}
