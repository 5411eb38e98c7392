package io.cloudcut.mqtt;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The Eclipse Paho MQTT 3.1.1 stack: MqttAsyncClient, clean session, in-memory persistence, the
 * library's automatic reconnect (see {@link PahoSupport} for what it cannot express). Paho calls back
 * on its own threads (several per client); every callback hops to the device context.
 */
final class PahoV3Connection implements DeviceConnection {

    private static final int SUBACK_FAILURE = 0x80;

    private final Vertx vertx;
    private final ConnectionSettings settings;
    private final ConnectionBookkeeping book;
    private final MqttConnectOptions options = new MqttConnectOptions();
    private final MqttAsyncClient client;

    PahoV3Connection(Vertx vertx, ConnectionSettings settings, ConnectionListener listener) {
        this.vertx = vertx;
        this.settings = settings;
        this.book = new ConnectionBookkeeping(vertx, settings, listener);
        // Stated, not Paho's default: by default a failed 3.1.1 connect is tried again as 3.1 within
        // the same attempt, which would outlast the attempt's ConnectDeadline.
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setKeepAliveInterval(LibraryTimings.keepAliveSeconds(settings));
        options.setConnectionTimeout(LibraryTimings.connectTimeoutSeconds(settings));
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay((int) LibraryTimings.maxReconnectMillis(settings));
        options.setMaxInflight(100);
        try {
            client = new AttemptCountingClient(PahoSupport.brokerUri(settings), settings.clientId());
        } catch (MqttException e) {
            throw new IllegalArgumentException("Paho client for " + settings.clientId() + ": " + e.getMessage(), e);
        }
        client.setCallback(new Callbacks());
    }

    @Override
    public void open() {
        try {
            client.connect(options, null, onContext(
                    connected -> { /* connectComplete subscribes and reports */ },
                    failed -> PahoSupport.reconnectLater(vertx, settings, book, client::reconnect)));
        } catch (MqttException e) {
            PahoSupport.reconnectLater(vertx, settings, book, client::reconnect);
        }
    }

    @Override
    public Future<Void> publish(String topic, Buffer payload) {
        if (!book.isConnected()) {
            return book.notConnected();
        }
        Promise<Void> acked = book.expectAck(this::dropConnection);
        MqttMessage message = new MqttMessage(payload.getBytes());
        message.setQos(1);
        try {
            client.publish(topic, message, null, onContext(delivered -> acked.tryComplete(), acked::tryFail));
        } catch (MqttException e) {
            acked.tryFail(e);
        }
        return acked.future();
    }

    @Override
    public boolean isConnected() {
        return book.isConnected();
    }

    @Override
    public ConnectionStats stats() {
        return book.stats();
    }

    @Override
    public Future<Void> close() {
        book.close();
        return shutDown();
    }

    private Future<Void> shutDown() {
        return PahoSupport.offEventLoop(vertx, settings, "close", () -> {
            try {
                client.disconnectForcibly(0, LibraryTimings.ackTimeoutMillis(settings), true);
            } finally {
                client.close();
            }
        });
    }

    /** A user disconnect does not start Paho's reconnect: the adapter hands over to it afterwards. */
    private void dropConnection() {
        PahoSupport.offEventLoop(vertx, settings, "drop", () -> client.disconnectForcibly(0, 0, false))
                .onComplete(dropped -> PahoSupport.reconnectLater(vertx, settings, book, client::reconnect));
    }

    /** An attempt past its {@link ConnectDeadline}: counted as failed, then dropped and started again, or given up. */
    private void abandonAttempt() {
        if (book.attemptFailed()) {
            book.onContext(this::giveUp);
        } else {
            dropConnection();
        }
    }

    private void subscribeThenReport() {
        if (settings.subscriptions().isEmpty()) {
            book.connected();
            return;
        }
        String[] filters = settings.subscriptions().toArray(String[]::new);
        int[] qos = new int[filters.length];
        Arrays.fill(qos, 1);
        try {
            client.subscribe(filters, qos, null, onContext(subAck -> {
                if (Arrays.stream(subAck.getGrantedQos()).noneMatch(granted -> granted >= SUBACK_FAILURE)) {
                    book.connected();
                } else {
                    book.subscriptionRefused(Arrays.toString(subAck.getGrantedQos()));
                    dropConnection();
                }
            }, noSubAck -> { /* the connection went: connectionLost reports it */ }));
        } catch (MqttException connectionGone) {
            // connectionLost reports it.
        }
    }

    private void giveUp() {
        book.gaveUp();
        book.close();
        shutDown();
    }

    /** An action listener whose outcomes run on the device context. */
    private IMqttActionListener onContext(Consumer<IMqttToken> success, Consumer<Throwable> failure) {
        return new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                book.onContext(() -> success.accept(token));
            }

            @Override
            public void onFailure(IMqttToken token, Throwable cause) {
                book.onContext(() -> failure.accept(cause));
            }
        };
    }

    /**
     * Every attempt, Paho's reconnects included, goes through this connect method: there each gets its
     * {@link ConnectDeadline}, and its failures are counted, since Paho tells the application nothing
     * about failed reconnects: that is how the model's giveUpAfter is kept. Giving up withholds the
     * failure from Paho's reconnect listener, which then schedules no further attempt.
     */
    private final class AttemptCountingClient extends MqttAsyncClient {

        AttemptCountingClient(String serverUri, String clientId) throws MqttException {
            super(serverUri, clientId, new MemoryPersistence());
        }

        @Override
        public IMqttToken connect(MqttConnectOptions options, Object userContext, IMqttActionListener callback)
                throws MqttException {
            ConnectDeadline deadline = new ConnectDeadline(vertx, settings, PahoV3Connection.this::abandonAttempt);
            try {
                return super.connect(options, userContext, new IMqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        if (deadline.metInTime()) {
                            callback.onSuccess(token);
                        }
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable cause) {
                        if (!deadline.metInTime()) {
                            return;
                        }
                        if (book.attemptFailed()) {
                            book.onContext(PahoV3Connection.this::giveUp);
                        } else {
                            callback.onFailure(token, cause);
                        }
                    }
                });
            } catch (MqttException notStarted) {
                deadline.metInTime();
                throw notStarted;
            }
        }
    }

    private final class Callbacks implements MqttCallbackExtended {

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            book.onContext(PahoV3Connection.this::subscribeThenReport);
        }

        @Override
        public void connectionLost(Throwable cause) {
            book.onContext(() -> book.lost(PahoSupport.describe(cause)));
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
