package io.cloudcut.device;

import io.cloudcut.cloud.Payloads;
import io.cloudcut.dashboard.mqtt.DashboardCommand;
import io.cloudcut.dashboard.mqtt.DeviceConventions;
import io.cloudcut.mqtt.DeviceConnection;
import io.cloudcut.mqtt.Will;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The device as MQTT dashboards see it, by its {@link DeviceConventions}: {@code online} on its
 * availability topic at every connect (its Last Will says {@code offline} when the link dies), its
 * Home Assistant discovery configs once (again when Home Assistant announces that it started), its
 * state when it changes and at every connect (a restarted broker may have lost it), momentary events
 * (a ring), and commands a dashboard sends.
 * <p>
 * None of this is an event of the device's: it never passes through the outbox or its account, and
 * it is published only while connected, as a real device's dashboard topics are. On the device's
 * context only. Public for the bench's bare clients, which send what a device sends when it connects.
 */
public final class DashboardPresence {

    private final DeviceConventions conventions;
    private final Supplier<DeviceConnection> connection;
    private String shown = "";
    private boolean discoveryPublished;

    public DashboardPresence(DeviceConventions conventions, Supplier<DeviceConnection> connection) {
        this.conventions = conventions;
        this.connection = connection;
    }

    /** The connection's Last Will: the broker marks the device offline when its link dies. */
    public Will will() {
        return new Will(conventions.availabilityTopic(), DeviceConventions.OFFLINE);
    }

    /** The topics to subscribe to besides the cloud's. */
    public List<String> subscriptions() {
        List<String> topics = new ArrayList<>(conventions.commandTopics());
        topics.add(DeviceConventions.HOME_ASSISTANT_STATUS);
        return topics;
    }

    /**
     * Home Assistant's announcement: when it says it started, the configs go again. False for a
     * payload that is neither of its two words.
     */
    boolean homeAssistantStatus(Buffer payload) {
        Optional<String> status = Payloads.text(payload, Payloads.DEVICE_MAX_BYTES).map(String::trim);
        if (status.filter(DeviceConventions.ONLINE::equals).isPresent()) {
            discoveryPublished = false;
            publishDiscovery();
        }
        return status.filter(word -> word.equals(DeviceConventions.ONLINE) || word.equals(DeviceConventions.OFFLINE))
                .isPresent();
    }

    boolean isCommand(String topic) {
        return conventions.commandTopics().contains(topic);
    }

    /** What a dashboard's command asks; empty for a payload that is no command (over the size limit, not UTF-8). */
    Optional<DashboardCommand> command(String topic, Buffer payload) {
        return Payloads.text(payload, Payloads.DEVICE_MAX_BYTES).flatMap(text -> conventions.command(topic, text));
    }

    /** At every connect: online, the discovery configs (once), the state; completes once the broker has acknowledged them all. */
    public Future<Void> connected() {
        return Future.all(publish(conventions.availabilityTopic(), DeviceConventions.ONLINE), publishDiscovery(), sendState())
                .mapEmpty();
    }

    private Future<Void> publishDiscovery() {
        if (discoveryPublished || !connection.get().isConnected()) {
            return Future.succeededFuture();
        }
        List<Future<Void>> configs = conventions.discovery().stream()
                .map(config -> publish(config.topic(), config.config().encode())).toList();
        return Future.all(configs).onSuccess(all -> discoveryPublished = true).mapEmpty();
    }

    /** The device's state and readings as the state topic shows them: published when they changed. */
    public void show(String state, JsonObject readings) {
        String payload = conventions.statePayload(state, readings).encode();
        if (!payload.equals(shown)) {
            shown = payload;
            sendState();
        }
    }

    /** A device event: shown as its momentary message, if it has one, and only while connected. */
    void happened(String eventKind) {
        conventions.eventMessage(eventKind).ifPresent(message -> {
            if (connection.get().isConnected()) {
                connection.get().publish(message.topic(), Buffer.buffer(message.payload()));
            }
        });
    }

    /** On a clean stop, which sends no will: says {@code offline} itself. */
    Future<Void> goOffline() {
        return connection.get().isConnected() ? publish(conventions.availabilityTopic(), DeviceConventions.OFFLINE)
                : Future.succeededFuture();
    }

    /** While offline, nothing: the connect that ends it sends the state as it is then. */
    private Future<Void> sendState() {
        return connection.get().isConnected() && !shown.isEmpty() ? publish(conventions.stateTopic(), shown)
                : Future.succeededFuture();
    }

    private Future<Void> publish(String topic, String payload) {
        return connection.get().publishRetained(topic, Buffer.buffer(payload));
    }
}
