package io.cloudcut.device;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;


/**
 * A device's local functions over HTTP on loopback, the same ones the harness reaches on the event
 * bus ({@link DeviceAddresses}): what a phone on the home network, or a test bench, would use.
 * <ul>
 * <li>{@code POST /functions/{name}}, body optional {@code {"probeId": "..."}}: the function started on
 * the device (a button, a sensor); 200 {@code {"ok": true, "detail": ...}}, or 403 refused, 409 a
 * security function that let the guarded action through, 404 no such function on the device, 504 the
 * device did not answer; the body then says {@code "ok": false} and why.</li>
 * <li>{@code GET /status}: state, connection, session and event account.</li>
 * </ul>
 */
public final class LocalFunctionsApi {

    private final HttpServer server;

    private LocalFunctionsApi(HttpServer server) {
        this.server = server;
    }

    /** Listens on 127.0.0.1:{@code port} (0: a free one) for the device {@code deviceId} of this Vert.x. */
    public static Future<LocalFunctionsApi> start(Vertx vertx, String deviceId, int port) {
        Router router = Router.router(vertx);
        router.post("/functions/:name").handler(BodyHandler.create().setBodyLimit(4096))
                .handler(request -> perform(vertx, deviceId, request));
        router.get("/status").handler(request -> vertx.eventBus()
                .<JsonObject>request(DeviceAddresses.of(deviceId), DeviceAddresses.statusQuestion())
                .onComplete(status -> answer(request, status.succeeded() ? 200 : 504, status.succeeded()
                        ? status.result().body() : new JsonObject().put("error", status.cause().getMessage()))));
        return vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1").map(LocalFunctionsApi::new);
    }

    private static void perform(Vertx vertx, String deviceId, RoutingContext request) {
        String function = request.pathParam("name");
        JsonObject body;
        try {
            body = request.body().isEmpty() ? new JsonObject() : request.body().asJsonObject();
        } catch (DecodeException | ClassCastException notJson) {
            LocalFunction bad = LocalFunction.failed(400, function, "the body must be a JSON object, e.g. {\"probeId\": \"p1\"}");
            answer(request, bad.status(), bad.answer());
            return;
        }
        LocalFunction.start(vertx, deviceId, function, body.getString("probeId"))
                .onSuccess(done -> answer(request, done.status(), done.answer()));
    }

    private static void answer(RoutingContext request, int status, JsonObject body) {
        request.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
    }

    public int port() {
        return server.actualPort();
    }

    public Future<Void> close() {
        return server.close();
    }
}
