package io.cloudcut.harness;

import io.cloudcut.cloud.Payloads;
import io.cloudcut.observation.ProbeOutcome;
import io.cloudcut.scenario.MqttProbe;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The harness on the home networks' MQTT brokers of external devices: one client a broker, subscribed
 * to every answer topic the probes name there, matching each answer to the probe in flight it answers
 * (by its {@code probeId}, or the oldest on that topic when probes do not name themselves). All on one
 * Vert.x context.
 */
final class LocalMqttProbes {

    private static final int MAX_ANSWER_BYTES = 64 * 1024;

    private final Vertx vertx;
    /** Where the clients, their answers and the probes in flight live. */
    private final Context context;
    private final Map<String, MqttClient> clients = new HashMap<>();
    /** In flight, by broker and answer topic, oldest first. */
    private final Map<String, List<InFlight>> inFlight = new HashMap<>();

    private LocalMqttProbes(Vertx vertx) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
    }

    /** Connects to every broker the probes name and subscribes to their answer topics; nothing when none do. */
    static Future<LocalMqttProbes> connect(Vertx vertx, Collection<MqttProbe> probes) {
        LocalMqttProbes local = new LocalMqttProbes(vertx);
        Map<String, List<MqttProbe>> byBroker = new LinkedHashMap<>();
        probes.forEach(probe -> byBroker.computeIfAbsent(probe.broker(), broker -> new ArrayList<>()).add(probe));
        Promise<LocalMqttProbes> ready = Promise.promise();
        local.context.runOnContext(onContext -> {
            List<Future<?>> connected = new ArrayList<>();
            byBroker.forEach((broker, onIt) -> connected.add(local.connect(broker, onIt)));
            Future.all(connected).map(all -> local)
                    .recover(failed -> local.close().transform(closed -> Future.failedFuture(failed)))
                    .onComplete(ready);
        });
        return ready.future();
    }

    private Future<?> connect(String broker, List<MqttProbe> probes) {
        MqttProbe any = probes.get(0);
        MqttClient client = MqttClient.create(vertx, new MqttClientOptions()
                .setClientId("cloudcut-harness-local-" + UUID.randomUUID()).setAutoKeepAlive(true));
        clients.put(broker, client);
        client.publishHandler(answer -> answered(broker, answer.topicName(), answer.payload()));
        Map<String, Integer> topics = new LinkedHashMap<>();
        probes.forEach(probe -> topics.put(probe.answerTopic(), MqttQoS.AT_LEAST_ONCE.value()));
        return client.connect(any.port(), any.host())
                .compose(connack -> client.subscribe(topics))
                .recover(failed -> Future.failedFuture("cannot reach the local broker " + broker + " of external devices ("
                        + failed.getMessage() + ")"));
    }

    /** Sends one probe: what the device answered if it worked, a refusal, or no answer within {@code timeout}. */
    Future<String> stimulate(MqttProbe probe, String probeId, Duration timeout) {
        Promise<JsonObject> answer = Promise.promise();
        context.runOnContext(onContext -> send(probe, probeId, timeout, answer));
        return answer.future().compose(json -> judge(probe, json));
    }

    private void send(MqttProbe probe, String probeId, Duration timeout, Promise<JsonObject> answer) {
        MqttClient client = clients.get(probe.broker());
        if (client == null || !client.isConnected()) {
            answer.fail("the local broker " + probe.broker() + " is not connected");
            return;
        }
        InFlight waiting = new InFlight(probe.answersNameTheProbe() ? probeId : null, answer);
        List<InFlight> onTopic = inFlight.computeIfAbsent(key(probe.broker(), probe.answerTopic()), key -> new ArrayList<>());
        onTopic.add(waiting);
        long timer = vertx.setTimer(Math.max(1, timeout.toMillis()), late -> {
            onTopic.remove(waiting);
            answer.tryFail("device did not answer on " + probe.answerTopic() + " within " + timeout.toMillis() + " ms");
        });
        answer.future().onComplete(done -> vertx.cancelTimer(timer));
        client.publish(probe.topic(), Buffer.buffer(probe.payloadFor(probeId)), MqttQoS.AT_LEAST_ONCE, false, false)
                .onFailure(unsent -> {
                    onTopic.remove(waiting);
                    answer.tryFail("request not sent: " + unsent.getMessage());
                });
    }

    private void answered(String broker, String topic, Buffer payload) {
        List<InFlight> onTopic = inFlight.get(key(broker, topic));
        if (onTopic == null || onTopic.isEmpty()) {
            return;
        }
        JsonObject json = Payloads.object(payload, MAX_ANSWER_BYTES).orElse(new JsonObject());
        Object answersProbe = json.getValue("probeId");
        for (Iterator<InFlight> waiting = onTopic.iterator(); waiting.hasNext(); ) {
            InFlight probe = waiting.next();
            if (probe.probeId == null || probe.probeId.equals(answersProbe)) {
                waiting.remove();
                probe.answer.tryComplete(json);
                return;
            }
        }
    }

    private static Future<String> judge(MqttProbe probe, JsonObject answer) {
        String detail = answer.getValue("detail") == null ? "answered" : answer.getValue("detail").toString();
        boolean ok = probe.okField() == null || Boolean.TRUE.equals(answer.getValue(probe.okField()));
        return ok ? Future.succeededFuture(detail)
                : Future.failedFuture(new Prober.ProbeRefused(ProbeOutcome.REFUSED, "MQTT answer: " + detail));
    }

    private static String key(String broker, String topic) {
        return broker + " " + topic;
    }

    Future<Void> close() {
        Promise<Void> closed = Promise.promise();
        context.runOnContext(onContext -> Future.all(clients.values().stream().filter(MqttClient::isConnected)
                .map(MqttClient::disconnect).toList()).<Void>mapEmpty().onComplete(closed));
        return closed.future();
    }

    private record InFlight(String probeId, Promise<JsonObject> answer) {
    }
}
