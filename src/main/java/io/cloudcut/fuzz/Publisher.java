package io.cloudcut.fuzz;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes fuzz payloads at QoS 1 through a real MQTT client (HiveMQ's, MQTT 5), a window of them
 * awaiting the broker's PUBACK at a time, so that the broker's queues to the readers never overflow.
 * On a plain thread: it blocks.
 */
final class Publisher implements AutoCloseable {

    private static final int WINDOW = 64;
    private static final long LIMIT_SECONDS = 60;

    private final Mqtt5AsyncClient client;
    private final Semaphore window = new Semaphore(WINDOW);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    Publisher(String host, int port, String clientId) throws Exception {
        client = MqttClient.builder().useMqttVersion5().identifier(clientId).serverHost(host).serverPort(port).buildAsync();
        client.connect().get(LIMIT_SECONDS, TimeUnit.SECONDS);
    }

    void publish(String topic, byte[] payload) throws Exception {
        window.acquire();
        throwIfFailed();
        client.publishWith().topic(topic).payload(payload).qos(MqttQos.AT_LEAST_ONCE).send()
                .whenComplete((result, error) -> {
                    if (error == null && result.getError().isPresent()) {
                        error = result.getError().get();
                    }
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                    window.release();
                });
    }

    /** Waits until the broker has acknowledged every payload. */
    void awaitAcknowledged() throws Exception {
        if (!window.tryAcquire(WINDOW, LIMIT_SECONDS, TimeUnit.SECONDS)) {
            throw new TimeoutException("the broker did not acknowledge every fuzz payload within " + LIMIT_SECONDS + " s");
        }
        window.release(WINDOW);
        throwIfFailed();
    }

    private void throwIfFailed() throws ExecutionException {
        if (failure.get() != null) {
            throw new ExecutionException("publishing a fuzz payload failed", failure.get());
        }
    }

    @Override
    public void close() throws Exception {
        client.disconnect().get(LIMIT_SECONDS, TimeUnit.SECONDS);
    }
}
