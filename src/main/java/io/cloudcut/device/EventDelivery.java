package io.cloudcut.device;

import io.cloudcut.cloud.CloudTopics;
import io.cloudcut.cloud.Holds;
import io.cloudcut.mqtt.DeviceConnection;
import io.cloudcut.scenario.ScenarioClock;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.function.Supplier;

/**
 * A device's events on their way to the cloud's ingest service: kept in its {@link EventOutbox}, and
 * published at QoS 1 while the device is connected, a client's in-flight window at a time; an event
 * whose publish fails goes back to the outbox in its place.
 * <p>
 * An event that waited for a connection says how long it was held, on the device's scenario clock and in real time
 * ({@link Holds}, as a throttled cloud service does): a wait in the offline buffer runs on the scenario clock (the
 * device's backoff), which a probe's real latency shows divided by the scale. An event published at once says
 * nothing: its microseconds of real time would read as seconds of scenario time at a high scale.
 */
final class EventDelivery {

    /** How many events may await their PUBACK at once, like a client's in-flight window. */
    private static final int IN_FLIGHT_WINDOW = 10;
    /** Real time: how long a publish the client refused at once waits before the outbox tries again. */
    private static final long REFUSED_PUBLISH_RETRY_MILLIS = 100;

    private final Vertx vertx;
    private final ScenarioClock clock;
    private final String deviceId;
    private final EventOutbox outbox;
    private final Supplier<DeviceConnection> connection;
    /** Set when the run ends: completes once the device holds nothing it can still deliver. */
    private Promise<Void> finished;
    private boolean drainScheduled;

    EventDelivery(Vertx vertx, ScenarioClock clock, String deviceId, EventOutbox outbox, Supplier<DeviceConnection> connection) {
        this.vertx = vertx;
        this.clock = clock;
        this.deviceId = deviceId;
        this.outbox = outbox;
        this.connection = connection;
    }

    void add(JsonObject event) {
        outbox.add(event, clock.nowMillis(), System.nanoTime(), connection.get().isConnected());
        drain();
    }

    /** Publishes what waits, as far as the connection and the in-flight window allow. */
    void drain() {
        while (connection.get().isConnected() && outbox.inFlight() < IN_FLIGHT_WINDOW) {
            EventOutbox.Event event = outbox.takeNext();
            if (event == null) {
                return;
            }
            Future<Void> publishing = connection.get().publish(CloudTopics.ingest(deviceId), payload(event).toBuffer());
            if (publishing.failed()) {
                // Refused at once (the client's own in-flight limit, say): trying again in this loop would spin.
                outbox.returned(event);
                drainLater();
                return;
            }
            publishing.onComplete(sent -> {
                if (sent.succeeded()) {
                    outbox.acknowledged();
                    drain();
                } else {
                    outbox.returnedForANewConnection(event);
                }
                finishIfNothingDeliverable();
            });
        }
    }

    private JsonObject payload(EventOutbox.Event event) {
        if (!event.waitedForAConnection()) {
            return event.payload();
        }
        return Holds.added(event.payload(), clock.nowMillis() - event.generatedAtMillis(),
                (System.nanoTime() - event.generatedAtNanos()) / 1_000_000);
    }

    /**
     * The run ends: completes once the device holds nothing it can still deliver (all delivered, or
     * not connected), or after {@code limitMillis} of real time, whichever comes first.
     */
    Future<Void> finishWithin(long limitMillis) {
        finished = Promise.promise();
        long limit = vertx.setTimer(limitMillis, late -> finished.tryComplete());
        finishIfNothingDeliverable();
        return finished.future().onComplete(done -> vertx.cancelTimer(limit));
    }

    /** The connection went: what is held can no longer be delivered before the run ends. */
    void connectionLost() {
        finishIfNothingDeliverable();
    }

    private void finishIfNothingDeliverable() {
        if (finished != null && (outbox.buffered() == 0 || !connection.get().isConnected())) {
            finished.tryComplete();
        }
    }

    private void drainLater() {
        if (!drainScheduled) {
            drainScheduled = true;
            vertx.setTimer(REFUSED_PUBLISH_RETRY_MILLIS, retry -> {
                drainScheduled = false;
                drain();
            });
        }
    }
}
