package io.cloudcut.mqtt;

import io.vertx.core.Vertx;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The Eclipse Paho MQTT 3.1.1 stack: MqttAsyncClient, clean session, in-memory persistence, the
 * library's automatic reconnect (see {@link PahoConnection} for what it cannot express).
 */
final class PahoV3Connection extends PahoConnection {

    private final MqttConnectOptions options = new MqttConnectOptions();
    private final MqttAsyncClient client;

    PahoV3Connection(Vertx vertx, ConnectionSettings settings, ConnectionListener listener) {
        super(vertx, settings, listener);
        // Stated, not Paho's default: by default a failed 3.1.1 connect is tried again as 3.1 within
        // the same attempt, which would outlast the attempt's ConnectDeadline.
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(settings.session().cleanStart());
        options.setKeepAliveInterval(LibraryTimings.keepAliveSeconds(settings));
        options.setConnectionTimeout(LibraryTimings.connectTimeoutSeconds(settings));
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay((int) LibraryTimings.maxReconnectMillis(settings));
        options.setMaxInflight(100);
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

    /** A 3.1.1 PUBACK carries no verdict, so a PUBLISH's token has no granted QoS: accepted. */
    private static IMqttActionListener listener(Outcome outcome) {
        return listener(token -> outcome.answered(token.getGrantedQos()), (token, cause) -> outcome.failed(cause));
    }

    private static IMqttActionListener listener(Consumer<IMqttToken> success, BiConsumer<IMqttToken, Throwable> failure) {
        return new IMqttActionListener() {
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
        public IMqttToken connect(MqttConnectOptions options, Object userContext, IMqttActionListener callback)
                throws MqttException {
            return attempt(attempt -> super.connect(options, userContext, listener(
                    token -> attempt.succeeded(() -> callback.onSuccess(token)),
                    (token, cause) -> attempt.failed(() -> callback.onFailure(token, cause)))));
        }
    }

    private final class Callbacks implements MqttCallbackExtended {

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            PahoV3Connection.this.connectComplete();
        }

        @Override
        public void connectionLost(Throwable cause) {
            PahoV3Connection.this.connectionLost(cause);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            book.messageArrived(topic, message.getPayload());
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // Each publish has its own action listener.
        }
    }
}
