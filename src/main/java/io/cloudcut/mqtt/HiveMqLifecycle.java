package io.cloudcut.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.lifecycle.MqttClientConnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttClientConnectedListener;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedListener;
import com.hivemq.client.mqtt.lifecycle.MqttClientReconnector;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;

import java.util.concurrent.TimeUnit;

/**
 * What both HiveMQ adapters share: a client builder configured from the settings, with the
 * library's automatic reconnect (initial and maximum delay from the model's policy, in real time),
 * and the listeners that report to the bookkeeping, give up after the model's attempts and restart
 * the reconnect after the adapter dropped a silent connection.
 * <p>
 * HiveMQ's automatic reconnect doubles its delay (the model's multiplier is ignored), adds its own
 * jitter of up to plus or minus a quarter (the model's jitter is ignored), retries a failed first
 * connect too, and never gives up by itself: giving up is this listener's.
 */
final class HiveMqLifecycle implements MqttClientConnectedListener, MqttClientDisconnectedListener {

    private final ConnectionSettings settings;
    private final ConnectionBookkeeping book;
    private final Runnable subscribeThenReport;

    private HiveMqLifecycle(ConnectionSettings settings, ConnectionBookkeeping book, Runnable subscribeThenReport) {
        this.settings = settings;
        this.book = book;
        this.subscribeThenReport = subscribeThenReport;
    }

    /** A builder for either MQTT version; {@code subscribeThenReport} runs on the context after every connect. */
    static MqttClientBuilder builder(ConnectionSettings settings, ConnectionBookkeeping book,
                                     Runnable subscribeThenReport) {
        HiveMqLifecycle lifecycle = new HiveMqLifecycle(settings, book, subscribeThenReport);
        long ackTimeout = LibraryTimings.ackTimeoutMillis(settings);
        return MqttClient.builder()
                .identifier(settings.clientId())
                .transportConfig()
                    .serverHost(settings.host())
                    .serverPort(settings.port())
                    .socketConnectTimeout(ackTimeout, TimeUnit.MILLISECONDS)
                    .mqttConnectTimeout(ackTimeout, TimeUnit.MILLISECONDS)
                    .applyTransportConfig()
                .automaticReconnect()
                    .initialDelay(LibraryTimings.initialReconnectMillis(settings), TimeUnit.MILLISECONDS)
                    .maxDelay(LibraryTimings.maxReconnectMillis(settings), TimeUnit.MILLISECONDS)
                    .applyAutomaticReconnect()
                .addConnectedListener(lifecycle)
                .addDisconnectedListener(lifecycle);
    }

    @Override
    public void onConnected(MqttClientConnectedContext context) {
        book.onContext(subscribeThenReport);
    }

    /** On a HiveMQ thread, after its automatic reconnect decided: the reconnector can be changed only here. */
    @Override
    public void onDisconnected(MqttClientDisconnectedContext context) {
        MqttClientReconnector reconnector = context.getReconnector();
        if (book.isClosed()) {
            reconnector.reconnect(false);
            return;
        }
        // The adapter subscribes after every connect, as on every stack; the library's copy would subscribe twice.
        reconnector.resubscribeIfSessionExpired(false);
        String cause = String.valueOf(context.getCause().getMessage());
        if (context.getSource() == MqttDisconnectSource.USER) {
            // Not closed, so the adapter dropped a silent connection; the automatic reconnect skips user disconnects.
            reconnector.reconnect(true).delay(LibraryTimings.initialReconnectMillis(settings), TimeUnit.MILLISECONDS);
        } else if (reconnector.getAttempts() == 0) {
            book.onContext(() -> book.lost(cause));
        } else if (book.attemptFailed()) {
            reconnector.reconnect(false);
            book.onContext(book::gaveUp);
        }
    }
}
