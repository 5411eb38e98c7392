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

import java.nio.charset.StandardCharsets;

/**
 * The Eclipse Paho MQTT 5 stack: MqttAsyncClient, clean start, session expiry 0, in-memory persistence, its threads
 * the JVM's Paho threads ({@link PahoThreads}), reconnected by Paho's rule on the scenario clock (see {@link PahoConnection}).
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
        // Off: Paho's reconnect waits real time on its own timer; the adapter reconnects on the scenario clock.
        options.setAutomaticReconnect(false);
        if (settings.will() != null) {
            MqttMessage will = new MqttMessage(settings.will().payload().getBytes(StandardCharsets.UTF_8));
            will.setQos(1);
            will.setRetained(true);
            options.setWill(settings.will().topic(), will);
        }
        if (settings.credentials() != null) {
            options.setUserName(settings.credentials().username());
            options.setPassword(settings.credentials().passwordBytes());
        }
        if (settings.tls() != null) {
            options.setSocketFactory(settings.tls().sslContext().getSocketFactory());
            options.setHttpsHostnameVerificationEnabled(true);
        }
        // No ping sender given: Paho v5's own then keeps the connection alive on the executor's scheduling thread.
        client = newClient(() -> new MqttAsyncClient(brokerUri(settings), settings.clientId(), new MemoryPersistence(), null,
                PahoThreads.SHARED));
        client.setCallback(new Callbacks());
    }

    @Override
    protected void pahoConnect(Outcome outcome) throws MqttException {
        client.connect(options, null, listener(outcome));
    }

    @Override
    protected void pahoPublishQos1(String topic, byte[] payload, boolean retain, Outcome outcome) throws MqttException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        message.setRetained(retain);
        client.publish(topic, message, null, listener(outcome));
    }

    @Override
    protected void pahoSubscribe(String[] filters, int[] qos, Outcome outcome) throws MqttException {
        client.subscribe(filters, qos, null, listener(outcome));
    }

    @Override
    protected void pahoDisconnect(long timeoutMillis) throws MqttException {
        client.disconnect(0).waitForCompletion(timeoutMillis);
    }

    @Override
    protected void pahoDrop() throws MqttException {
        client.disconnectForcibly(0, 0, false);
    }

    @Override
    protected void pahoClose() throws MqttException {
        client.close();
    }

    private static MqttActionListener listener(Outcome outcome) {
        return new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                outcome.answered(token.getReasonCodes());
            }

            @Override
            public void onFailure(IMqttToken token, Throwable cause) {
                outcome.failed(cause);
            }
        };
    }

    private final class Callbacks implements MqttCallback {

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // Reported by the connect's own listener, which knows whether it came in time.
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (response.getException() == null) {
                connectionLost(BrokerDisconnect.describe(response.getReturnCode(), response.getReasonString()));
            } else {
                connectionLost(response.getException());
            }
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
