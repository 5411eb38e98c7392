package io.cloudcut.mqtt;

import io.vertx.core.Vertx;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The Eclipse Paho MQTT 5 stack: MqttAsyncClient, clean start, session expiry 0, in-memory persistence, the
 * library's automatic reconnect (see {@link PahoConnection} for what it cannot express).
 */
final class PahoV5Connection extends PahoConnection {

    private static final Logger LOG = LoggerFactory.getLogger(PahoV5Connection.class);

    private final MqttConnectionOptions options = new MqttConnectionOptions();
    private final MqttAsyncClient client;

    PahoV5Connection(Vertx vertx, ConnectionSettings settings, ConnectionListener listener) {
        super(vertx, settings, listener);
        options.setCleanStart(settings.session().cleanStart());
        options.setSessionExpiryInterval(settings.session().expiry().toSeconds());
        options.setKeepAliveInterval(LibraryTimings.keepAliveSeconds(settings));
        options.setConnectionTimeout(LibraryTimings.connectTimeoutSeconds(settings));
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay((int) LibraryTimings.maxReconnectMillis(settings));
        client = newClient(() -> new AttemptCountingClient(brokerUri(settings), settings.clientId()));
        client.setCallback(new Callbacks());
    }

    @Override
    protected void pahoConnect(Outcome outcome) throws MqttException {
        client.connect(options, null, listener(outcome));
    }

    @Override
    protected void pahoReconnect() throws MqttException {
        client.reconnect();
    }

    @Override
    protected void pahoPublishQos1(String topic, byte[] payload, Outcome outcome) throws MqttException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        client.publish(topic, message, null, listener(outcome));
    }

    @Override
    protected void pahoSubscribe(String[] filters, int[] qos, Outcome outcome) throws MqttException {
        client.subscribe(filters, qos, null, listener(outcome));
    }

    @Override
    protected void pahoDisconnectForcibly(long disconnectTimeoutMillis, boolean sendDisconnect) throws MqttException {
        client.disconnectForcibly(0, disconnectTimeoutMillis, sendDisconnect);
    }

    @Override
    protected void pahoClose() throws MqttException {
        client.close();
    }

    private static MqttActionListener listener(Outcome outcome) {
        return listener(token -> outcome.answered(token.getReasonCodes()), (token, cause) -> outcome.failed(cause));
    }

    private static MqttActionListener listener(Consumer<IMqttToken> success, BiConsumer<IMqttToken, Throwable> failure) {
        return new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                success.accept(token);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable cause) {
                failure.accept(token, cause);
            }
        };
    }

    /** Paho's reconnects call this connect method too: so every attempt goes through {@link #attempt}. */
    private final class AttemptCountingClient extends MqttAsyncClient {

        AttemptCountingClient(String serverUri, String clientId) throws MqttException {
            super(serverUri, clientId, new MemoryPersistence());
        }

        @Override
        public IMqttToken connect(MqttConnectionOptions options, Object userContext, MqttActionListener callback)
                throws MqttException {
            return attempt(attempt -> super.connect(options, userContext, listener(
                    token -> attempt.succeeded(() -> callback.onSuccess(token)),
                    (token, cause) -> attempt.failed(() -> callback.onFailure(token, cause)))));
        }
    }

    private final class Callbacks implements MqttCallback {

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            PahoV5Connection.this.connectComplete();
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            connectionLost(response.getException());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            // An error the connection survives; a fatal one also arrives as disconnected().
            LOG.warn("{}: MQTT error: {}", settings.clientId(), exception.toString());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            book.messageArrived(topic, message.getPayload());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // Each publish has its own action listener.
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // No enhanced authentication is asked for.
        }
    }
}
