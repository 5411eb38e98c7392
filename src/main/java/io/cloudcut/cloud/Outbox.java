package io.cloudcut.cloud;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A client's QoS 1 publishes (a cloud service's, the phone app's), at most {@link #WINDOW} of them
 * unacknowledged at once. The Vert.x client
 * refuses a publish beyond its in-flight limit (it logs "Attempt to exceed the limit of 1000 inflight
 * messages" and the message is gone), so a burst would lose messages for the harness's reasons: a
 * throttled auth service of 4,500 devices releasing its queue of 6,000 requests at the end of its phase
 * lost 3,910 replies so; the phone app of 18,000 devices lost 7,899 app commands of its warm-up on a
 * window of 10,000. The rest wait here, in order, for acknowledgements to free the window. What
 * waits when the connection is lost is dropped, as a publish is while the service is disconnected.
 * Confined to its client's event loop.
 */
public final class Outbox {

    /** The client's in-flight limit, which the client is created with. */
    public static final int WINDOW = 1000;

    private record Waiting(String topic, Buffer payload) {
    }

    private final Deque<Waiting> waiting = new ArrayDeque<>();
    private MqttClient client;
    private int inFlight;

    /** From now on, publishes go through {@code connected}, with nothing in flight yet. */
    public void attach(MqttClient connected) {
        client = connected;
        inFlight = 0;
        waiting.clear();
        connected.publishCompletionHandler(acknowledged -> freed());
        connected.publishCompletionExpirationHandler(expired -> freed());
    }

    /** The connection is gone: nothing is in flight any more, and what waited is dropped. */
    public void connectionLost() {
        inFlight = 0;
        waiting.clear();
    }

    /** Sends at once while the window has room, else after the messages before it; drops it while disconnected. */
    public void publish(String topic, Buffer payload) {
        if (client == null || !client.isConnected()) {
            return;
        }
        waiting.add(new Waiting(topic, payload));
        sendWhileRoom();
    }

    private void freed() {
        inFlight = Math.max(0, inFlight - 1);
        sendWhileRoom();
    }

    private void sendWhileRoom() {
        while (inFlight < WINDOW && !waiting.isEmpty() && client.isConnected()) {
            Waiting next = waiting.poll();
            inFlight++;
            client.publish(next.topic(), next.payload(), MqttQoS.AT_LEAST_ONCE, false, false)
                    .onFailure(notSent -> inFlight = Math.max(0, inFlight - 1));
        }
    }
}
