package io.cloudcut.cloud;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Takes cloud services down and up over the event bus and reads their status. */
public final class CloudControl {

    private final Vertx vertx;
    private final ServiceGraph graph;

    public CloudControl(Vertx vertx, ServiceGraph graph) {
        this.vertx = vertx;
        this.graph = graph;
    }

    static String controlAddress(String service) {
        return "cloudcut.cloud." + service + ".control";
    }

    static String statusAddress(String service) {
        return "cloudcut.cloud." + service + ".status";
    }

    /**
     * Makes exactly the services the faulted ones take down (along the graph) down, and every other
     * one up. Returns each down service with the faulted service that caused it.
     */
    public Future<Map<String, String>> setFaulted(List<String> faulted) {
        Map<String, String> down = graph.downBecause(faulted);
        List<Future<?>> sent = new ArrayList<>();
        for (String service : graph.services()) {
            JsonObject control = new JsonObject().put("down", down.containsKey(service)).put("cause", down.get(service));
            sent.add(vertx.eventBus().request(controlAddress(service), control));
        }
        return Future.all(sent).map(done -> down);
    }

    /**
     * Per device, what ingest received while it was up: {@code {unique, duplicates, reordered}}.
     * Empty when the cloud has no ingest service.
     */
    public Future<Map<String, JsonObject>> receivedByIngest() {
        if (!graph.services().contains("ingest")) {
            return Future.succeededFuture(Map.of());
        }
        return vertx.eventBus().<JsonObject>request(statusAddress("ingest"), new JsonObject()).map(reply -> {
            JsonObject devices = reply.body().getJsonObject("details").getJsonObject("devices", new JsonObject());
            Map<String, JsonObject> received = new java.util.TreeMap<>();
            devices.forEach(entry -> received.put(entry.getKey(), (JsonObject) entry.getValue()));
            return received;
        });
    }

    /** Status of every service: up, why it is down, messages handled, ignored and malformed. */
    public Future<List<JsonObject>> status() {
        List<Future<JsonObject>> asked = new ArrayList<>();
        for (String service : graph.services()) {
            asked.add(vertx.eventBus().<JsonObject>request(statusAddress(service), new JsonObject()).map(reply -> reply.body()));
        }
        return Future.all(asked).map(all -> all.<JsonObject>list());
    }
}
