package io.cloudcut.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.MqttClientTransportConfig;
import com.hivemq.client.mqtt.MqttClientTransportConfigBuilder;
import com.hivemq.client.mqtt.lifecycle.MqttClientConnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttClientConnectedListener;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedListener;
import com.hivemq.client.mqtt.lifecycle.MqttClientReconnector;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What both HiveMQ adapters share: a client builder configured from the settings, with the
 * library's automatic reconnect, and the listeners that report to the bookkeeping, wait each
 * reconnect delay on the scenario clock, give up after the model's attempts and restart the
 * reconnect after the adapter dropped a silent connection.
 * <p>
 * HiveMQ's automatic reconnect proposes each delay by its own rule: the initial delay doubled per
 * failed attempt up to the maximum (the model's multiplier is ignored), plus its own jitter of up to
 * a quarter either way (the model's jitter is ignored). It is given the model's delays in scenario
 * time; its proposal is then waited on the scenario clock, not on the library's timer, so that the
 * wait follows the clock's scale when that changes meanwhile. It retries a failed first connect too,
 * and never gives up by itself: giving up is this listener's.
 */
final class HiveMqLifecycle implements MqttClientConnectedListener, MqttClientDisconnectedListener {

    private final ConnectionSettings settings;
    private final ConnectionBookkeeping book;
    private final ReconnectSchedule reconnects;
    private final Runnable subscribeThenReport;

    private HiveMqLifecycle(ConnectionSettings settings, ConnectionBookkeeping book, ReconnectSchedule reconnects,
                            Runnable subscribeThenReport) {
        this.settings = settings;
        this.book = book;
        this.reconnects = reconnects;
        this.subscribeThenReport = subscribeThenReport;
    }

    /** A builder for either MQTT version; {@code subscribeThenReport} runs on the context after every connect. */
    static MqttClientBuilder builder(ConnectionSettings settings, ConnectionBookkeeping book,
                                     ReconnectSchedule reconnects, Runnable subscribeThenReport) {
        HiveMqLifecycle lifecycle = new HiveMqLifecycle(settings, book, reconnects, subscribeThenReport);
        long ackTimeout = LibraryTimings.ackTimeoutMillis(settings);
        MqttClientTransportConfigBuilder transport = MqttClientTransportConfig.builder()
                .serverHost(settings.host())
                .serverPort(settings.port())
                .socketConnectTimeout(ackTimeout, TimeUnit.MILLISECONDS)
                .mqttConnectTimeout(ackTimeout, TimeUnit.MILLISECONDS);
        if (settings.tls() != null) {
            transport.sslConfig(ClientTlsOptions.hiveMq(settings.tls()));
        }
        return MqttClient.builder()
                .identifier(settings.clientId())
                .transportConfig(transport.build())
                // Scenario time, read back as the library's proposal in onDisconnected; the library
                // refuses an initial delay of zero.
                .automaticReconnect()
                    .initialDelay(Math.max(1, settings.reconnect().initialDelay().toNanos()), TimeUnit.NANOSECONDS)
                    .maxDelay(settings.reconnect().maxDelay().toNanos(), TimeUnit.NANOSECONDS)
                    .applyAutomaticReconnect()
                .addConnectedListener(lifecycle)
                .addDisconnectedListener(lifecycle);
    }

    @Override
    public void onConnected(MqttClientConnectedContext context) {
        book.onContext(subscribeThenReport);
    }

    /** On a HiveMQ thread, after its automatic reconnect proposed a delay: the reconnector can be changed only here. */
    @Override
    public void onDisconnected(MqttClientDisconnectedContext context) {
        MqttClientReconnector reconnector = context.getReconnector();
        if (book.isClosed()) {
            reconnector.reconnect(false);
            return;
        }
        // The adapter subscribes after every connect, as on every stack; the library's copy would subscribe twice.
        reconnector.resubscribeIfSessionExpired(false);
        if (context.getSource() == MqttDisconnectSource.USER) {
            // Not closed, so the adapter dropped a silent connection; the automatic reconnect skips
            // user disconnects and proposes nothing: its first retry would come after the initial delay.
            waitOnScenarioClock(reconnector, settings.reconnect().initialDelay());
            return;
        }
        String cause = ConnectFailures.describe(context.getCause(), settings);
        if (reconnector.getAttempts() == 0) {
            // Also the first connect, which failed if there was no connection to lose.
            book.onContext(() -> {
                if (book.isConnected()) {
                    book.lost(cause);
                } else {
                    book.refused(cause);
                }
            });
            waitOnScenarioClock(reconnector, Duration.ofNanos(reconnector.getDelay(TimeUnit.NANOSECONDS)));
            return;
        }
        book.refused(cause);
        if (book.attemptFailed()) {
            reconnector.reconnect(false);
            book.onContext(book::gaveUp);
            return;
        }
        waitOnScenarioClock(reconnector, Duration.ofNanos(reconnector.getDelay(TimeUnit.NANOSECONDS)));
    }

    /**
     * Instead of the library's timer, which waits real time, the library waits for a deadline on the
     * scenario clock (in HiveMQ client 1.4.2, after the delay the reconnect waits for this future).
     * The end of the wait comes back on the library's thread, where alone the reconnector may be
     * used: if the wait was called off because the connection closed, the library stops reconnecting
     * and lets go of its event loop rather than waiting forever.
     */
    private void waitOnScenarioClock(MqttClientReconnector reconnector, Duration delay) {
        reconnector.delay(0, TimeUnit.NANOSECONDS).reconnectWhen(reconnects.after(delay), (due, calledOff) -> {
            if (calledOff != null || book.isClosed()) {
                reconnector.reconnect(false);
            }
        });
    }
}
