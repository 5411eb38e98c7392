package io.cloudcut.mqtt;

import io.vertx.core.Vertx;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.ScheduledExecutorPingSender;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.nio.charset.StandardCharsets;

/**
 * The Eclipse Paho MQTT 3.1.1 stack: MqttAsyncClient, clean session, in-memory persistence, its threads the JVM's
 * Paho threads ({@link PahoThreads}), reconnected by Paho's rule on the scenario clock (see {@link PahoConnection}).
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
        // Off: Paho's reconnect waits real time on its own timer; the adapter reconnects on the scenario clock.
        options.setAutomaticReconnect(false);
        options.setMaxInflight(100);
        if (settings.will() != null) {
            options.setWill(settings.will().topic(), settings.will().payload().getBytes(StandardCharsets.UTF_8), 1, true);
        }
        if (settings.credentials() != null) {
            options.setUserName(settings.credentials().username());
            options.setPassword(settings.credentials().password().toCharArray());
        }
        if (settings.tls() != null) {
            options.setSocketFactory(settings.tls().sslContext().getSocketFactory());
            options.setHttpsHostnameVerificationEnabled(true);
        }
        client = newClient(() -> new MqttAsyncClient(brokerUri(settings), settings.clientId(), new MemoryPersistence(),
                new ScheduledExecutorPingSender(PahoThreads.SHARED), PahoThreads.SHARED));
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

    /** A 3.1.1 PUBACK carries no verdict, so a PUBLISH's token has no granted QoS: accepted. */
    private static IMqttActionListener listener(Outcome outcome) {
        return new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                outcome.answered(token.getGrantedQos());
            }

            @Override
            public void onFailure(IMqttToken token, Throwable cause) {
                outcome.failed(cause);
            }
        };
    }

    private final class Callbacks implements MqttCallback {

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
