package io.cloudcut.cloud;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    static String canaryAddress(String service) {
        return "cloudcut.cloud." + service + ".canary";
    }

    /**
     * Puts exactly the faulted services in their conditions, the services that need a down or
     * erroring one down (along the graph), and every other one up. Returns every service that is not up.
     */
    public Future<Map<String, ServiceCondition>> setFaulted(Map<String, ServiceCondition> faulted) {
        Map<String, ServiceCondition> conditions = graph.conditions(faulted);
        List<Future<?>> sent = new ArrayList<>();
        for (String service : graph.services()) {
            sent.add(vertx.eventBus().request(controlAddress(service),
                    conditions.getOrDefault(service, ServiceCondition.UP).toJson()));
        }
        return Future.all(sent).map(done -> conditions);
    }

    /** Per service, what it has done with the messages it received so far. */
    public Future<Map<String, MessageCounts>> messagesByService() {
        return statuses().map(statuses -> {
            Map<String, MessageCounts> counts = new TreeMap<>();
            statuses.forEach(status -> {
                long malformed = status.getLong("malformed");
                counts.put(status.getString("service"), new MessageCounts(malformed + status.getLong("handled")
                        + status.getLong("ignored") + status.getLong("refused"), malformed,
                        status.getLong("harnessFailures"), status.getString("firstHarnessFailure")));
            });
            return counts;
        });
    }

    /**
     * A service's messages: every one it has dealt with (a slow or throttled service, once it handled or
     * refused it), and of those the ones it rejected as malformed; and how often the service's own code
     * failed, with the first failure (null if none).
     */
    public record MessageCounts(long received, long malformed, long harnessFailures, String firstHarnessFailure) {
    }

    /**
     * One line per service whose own code failed during the run, saying how often and how first, and
     * one per service that fell behind reading its messages ({@link Canary}); empty if none did.
     */
    public Future<List<String>> harnessProblems() {
        return statuses().map(statuses -> {
            List<String> problems = new ArrayList<>();
            statuses.forEach(status -> {
                String service = status.getString("service");
                long failures = status.getLong("harnessFailures");
                if (failures > 0) {
                    problems.add("cloud service " + service + " failed " + failures + (failures == 1 ? " time" : " times")
                            + " in the harness's own code (first: " + status.getString("firstHarnessFailure")
                            + "): the emulated cloud did not behave as its file says");
                }
                Canary.problem(service, status.getJsonObject("canary")).ifPresent(problems::add);
            });
            return problems;
        });
    }

    /**
     * How far behind the service furthest behind reads its messages now, in milliseconds: the age of
     * its oldest canary still on its way ({@link Canary}); 0 when every service keeps up. A service
     * that never got a canary back is left out ({@link Canary#behindMillisOf}).
     */
    public Future<Long> furthestBehindMillis() {
        List<Future<Message<JsonObject>>> asked = graph.services().stream()
                .map(service -> vertx.eventBus().<JsonObject>request(canaryAddress(service), new JsonObject())).toList();
        return Future.all(asked).map(all -> asked.stream().map(reply -> reply.result().body())
                .mapToLong(Canary::behindMillisOf).max().orElse(0));
    }

    private Future<List<JsonObject>> statuses() {
        List<Future<Message<JsonObject>>> asked = graph.services().stream()
                .map(service -> vertx.eventBus().<JsonObject>request(statusAddress(service), new JsonObject())).toList();
        return Future.all(asked).map(all -> asked.stream().map(reply -> reply.result().body()).toList());
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
            Map<String, JsonObject> received = new TreeMap<>();
            devices.forEach(entry -> received.put(entry.getKey(), (JsonObject) entry.getValue()));
            return received;
        });
    }
}
