package io.cloudcut.harness;

import io.cloudcut.cloud.CloudTopics;
import io.cloudcut.scenario.Durations;
import io.cloudcut.scenario.ExternalDevice;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What external devices say of their own clocks: a {@code cloudcut device} puts its pace in every
 * sign-in, which the harness reads on the run's broker from before their links open. The scenario's
 * {@code timeScale} for a device is checked before the run starts ({@link ExternalClocks}); this
 * catches a device started at another pace than the one declared for it. A device that says nothing
 * (a PC build, a bench device) is taken at its word in the scenario.
 */
final class AnnouncedPaces {

    private final Map<String, ExternalDevice> devices;
    private final Map<String, Double> announced = new ConcurrentHashMap<>();
    private MqttClient client;

    private AnnouncedPaces(Map<String, ExternalDevice> devices) {
        this.devices = devices;
    }

    /** Listens to sign-ins on the broker at {@code host:port}, from now on, for these devices by id. */
    static Future<AnnouncedPaces> listen(Vertx vertx, String host, int port, Map<String, ExternalDevice> devices) {
        AnnouncedPaces paces = new AnnouncedPaces(devices);
        MqttClient client = MqttClient.create(vertx, new MqttClientOptions()
                .setClientId("cloudcut-harness-paces").setCleanSession(true));
        paces.client = client;
        client.publishHandler(message -> {
            try {
                JsonObject signIn = message.payload().toJsonObject();
                if (signIn.getValue("deviceId") instanceof String id && devices.containsKey(id)
                        && signIn.getValue(CloudTopics.TIME_SCALE) instanceof Number pace) {
                    paces.announced.put(id, pace.doubleValue());
                }
            } catch (DecodeException | ClassCastException notJson) {
                // Not a sign-in this check reads; the auth service judges it.
            }
        });
        return client.connect(port, host).compose(connected -> client.subscribe(CloudTopics.AUTH_REQUEST, 1))
                .map(paces);
    }

    /**
     * @throws InfrastructureException naming each device whose sign-in told another pace than the
     *                                 scenario declares for it, and how to restart it
     */
    void check() throws InfrastructureException {
        List<String> wrong = new ArrayList<>();
        announced.forEach((id, pace) -> {
            double declared = devices.get(id).timeScale();
            if (pace != declared) {
                wrong.add(id + " said " + Durations.number(pace) + "x when it signed in, where the scenario declares "
                        + Durations.number(declared) + "x for it: restart it with --time-scale " + Durations.number(declared));
            }
        });
        if (!wrong.isEmpty()) {
            throw new InfrastructureException("external devices on another clock than the run's (their backoff and "
                    + "timers would count at another pace, and their verdicts would measure that): "
                    + String.join("; ", wrong), null);
        }
    }

    Future<Void> close() {
        return client.disconnect().recover(notConnected -> Future.succeededFuture());
    }
}
