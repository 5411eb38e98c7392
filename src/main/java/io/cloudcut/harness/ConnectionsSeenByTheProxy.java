package io.cloudcut.harness;

import io.cloudcut.fault.ProxyEvent;
import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.Observation;
import io.cloudcut.scenario.ScenarioClock;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An external device's MQTT connections as its link on the proxy sees them, told as an emulated device
 * tells its own: up when the broker's CONNACK accepted it (the attempt beginning when the device
 * opened the TCP connection), down when an accepted one closed, refused with the CONNACK's code. So
 * its reconnect times and refusals are reported with its model's, from the network's side: a device
 * that notices a dead link without closing its socket is seen only when it closes it.
 */
final class ConnectionsSeenByTheProxy {

    private final ScenarioClock clock;
    /** The model of an external device by its id; null for a link of another device. */
    private final Function<String, String> modelOf;
    private final Consumer<Observation> observe;
    /** By connection id: when it began, in scenario and real time, and whether the broker accepted it. */
    private final Map<String, Attempt> attempts = new ConcurrentHashMap<>();

    ConnectionsSeenByTheProxy(ScenarioClock clock, Function<String, String> modelOf, Consumer<Observation> observe) {
        this.clock = clock;
        this.modelOf = modelOf;
        this.observe = observe;
    }

    /** Called on the link's event loop: it must not block. */
    void changed(ProxyEvent event) {
        Object link = event.about().get("link");
        Object connection = event.about().get("connection");
        String model = link instanceof String device ? modelOf.apply(device) : null;
        if (model == null || !(connection instanceof String id)) {
            return;
        }
        String device = (String) link;
        switch (event.event()) {
            case "connection-connecting" -> attempts.put(id, new Attempt(clock.nowMillis(), System.nanoTime()));
            case "connection-connected" -> {
                Attempt attempt = attempts.computeIfPresent(id, (same, began) -> began.whenAccepted());
                if (attempt != null) {
                    observe.accept(ConnectionObserved.up(clock.nowMillis(), device, model, attempt.startedAtMillis,
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - attempt.startedNanos)));
                }
            }
            case "connection-refused" -> observe.accept(ConnectionObserved.refused(clock.nowMillis(), device, model,
                    "CONNACK refused: code " + event.about().get("connack")));
            case "connection-closed" -> {
                Attempt attempt = attempts.remove(id);
                if (attempt != null && attempt.accepted) {
                    observe.accept(ConnectionObserved.down(clock.nowMillis(), device, model, "its connection closed"));
                }
            }
            default -> {
                // fault events: the faults are observed where the harness applies them
            }
        }
    }

    private record Attempt(long startedAtMillis, long startedNanos, boolean accepted) {

        Attempt(long startedAtMillis, long startedNanos) {
            this(startedAtMillis, startedNanos, false);
        }

        Attempt whenAccepted() {
            return new Attempt(startedAtMillis, startedNanos, true);
        }
    }
}
