package io.cloudcut.bench;

import io.cloudcut.broker.BrokerEndpoint;
import io.cloudcut.cloud.CloudTopics;
import io.cloudcut.harness.InfrastructureException;
import io.cloudcut.harness.Waits;
import io.cloudcut.mqtt.Credentials;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the devices' own events (not the reports probes ask for) as the broker passes them on,
 * with one subscriber beside the cloud's ingest: the same measure for bare clients and for the fleet, taken over a window in which the
 * traffic is steady (for the fleet, its baseline, where the clock runs at one scale throughout).
 */
final class TelemetryMonitor {

    private final MqttClient client;
    private final AtomicLong events = new AtomicLong();
    private long markCount;
    private long markNanos;

    private TelemetryMonitor(MqttClient client) {
        this.client = client;
    }

    static TelemetryMonitor connect(Vertx vertx, BrokerEndpoint broker, Credentials credentials)
            throws InfrastructureException {
        MqttClient client = MqttClient.create(vertx, credentials.applyTo(new MqttClientOptions()
                .setClientId("cloudcut-bench-monitor").setMaxMessageSize(64 * 1024)));
        TelemetryMonitor monitor = new TelemetryMonitor(client);
        client.publishHandler(message -> {
            // A report a probe asked for is the harness's traffic; the devices' own is what both sides share.
            if (!message.payload().toString().contains("\"probeId\"")) {
                monitor.events.incrementAndGet();
            }
        });
        Waits.await(client.connect(broker.port(), broker.host())
                .compose(connack -> client.subscribe(CloudTopics.INGEST_ALL, MqttQoS.AT_MOST_ONCE.value())), "the bench's telemetry monitor");
        return monitor;
    }

    /** Starts a window. */
    void mark() {
        markCount = events.get();
        markNanos = System.nanoTime();
    }

    /** Events per real second since {@link #mark()}. */
    double ratePerSecondSinceMark() {
        double seconds = (System.nanoTime() - markNanos) / 1e9;
        return seconds <= 0 ? 0 : (events.get() - markCount) / seconds;
    }

    Future<Void> close() {
        return client.isConnected() ? client.disconnect() : Future.succeededFuture();
    }
}
