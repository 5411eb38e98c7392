package io.cloudcut.dashboard.mqtt;

import io.cloudcut.broker.Broker;
import io.cloudcut.broker.BrokerSettings;
import io.cloudcut.broker.Brokers;
import io.cloudcut.device.DeviceAddresses;
import io.cloudcut.device.DeviceVerticle;
import io.cloudcut.fault.FaultProxy;
import io.cloudcut.fault.Link;
import io.cloudcut.fault.LinkFaults;
import io.cloudcut.harness.Scenarios;
import io.cloudcut.scenario.CloudSpec;
import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.ScenarioClock;
import io.cloudcut.scenario.ScenarioLoader;
import io.cloudcut.testing.Mosquitto;
import io.cloudcut.testing.MosquittoClients;
import io.cloudcut.testing.Project;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Emulated devices as an MQTT dashboard sees them, read with Debian's mosquitto clients: the
 * Home Assistant discovery configs and the keys Home Assistant requires of each component, the
 * availability topic that the broker itself turns {@code offline} when a device's link is cut (on
 * the embedded broker and on Mosquitto, every client stack), and commands from outside that move a
 * vacuum's and a bed's state topics, under the device's session policy.
 */
class DevicesOnMqttDashboardsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static Mosquitto mosquitto;
    private static Broker embedded;
    private static Map<String, DeviceModel> models;
    private static DeviceModel lockedBed;

    private Vertx vertx;
    private FaultProxy proxy;
    private final List<MosquittoClients.Subscription> subscriptions = new ArrayList<>();

    @BeforeAll
    static void startBrokersAndLoadModels() throws Exception {
        mosquitto = Mosquitto.start();
        embedded = Brokers.start(BrokerSettings.embedded(Project.file("broker-config")));
        ScenarioLoader loader = Scenarios.loader(Project.root());
        CloudSpec cloud = loader.loadCloud(Project.file("clouds/default.yaml"));
        models = Map.of(
                "vacuum", loader.loadModel(Project.file("devices/vacuum-local-first.yaml"), cloud),
                "doorbell", loader.loadModel(Project.file("devices/doorbell-local-chime.yaml"), cloud),
                "bed", loader.loadModel(Project.file("devices/bed-offline-mode.yaml"), cloud));
        lockedBed = loader.loadModel(Project.file("devices/bed-cloud-locked.yaml"), cloud);
    }

    @AfterAll
    static void stopBrokers() throws Exception {
        embedded.close();
        mosquitto.close();
    }

    @AfterEach
    void stopDevices() throws Exception {
        for (MosquittoClients.Subscription subscription : subscriptions) {
            subscription.close();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void everyDevicePublishesRetainedDiscoveryConfigsWithTheKeysHomeAssistantRequires() throws Exception {
        vertx = Vertx.vertx();
        deploy("vacuum-1", models.get("vacuum"), mosquitto.port());
        deploy("doorbell-1", models.get("doorbell"), mosquitto.port());
        deploy("bed-1", models.get("bed"), mosquitto.port());
        // Subscribed after the devices published: whatever arrives was retained.
        MosquittoClients.Subscription dashboard = subscribe(mosquitto.port(), "homeassistant/#", "valetudo/#",
                "ring/#", "smartbed/#");
        await().atMost(PATIENCE).until(() -> configs(dashboard).size() == 6);
        Map<String, JsonObject> configs = configs(dashboard);


        JsonObject vacuum = configs.get("homeassistant/vacuum/cloudcut/vacuum-1_vacuum/config");
        assertThat(vacuum).as("the vacuum entity, among %s", configs.keySet()).isNotNull();
        assertRequired(vacuum, "command_topic", "state_topic", "payload_start", "payload_pause", "payload_stop",
                "payload_return_to_base", "payload_locate");
        assertThat(vacuum.getJsonArray("supported_features").getList())
                .contains("start", "pause", "stop", "return_home", "locate");
        assertThat(vacuum.getString("command_topic")).isEqualTo("valetudo/vacuum-1/BasicControlCapability/operation/set");
        await().atMost(PATIENCE).until(() -> dashboard.last(vacuum.getString("state_topic")).isPresent());
        assertThat(new JsonObject(dashboard.last(vacuum.getString("state_topic")).orElseThrow()).getString("state"))
                .isEqualTo("docked");

        JsonObject ding = configs.get("homeassistant/event/cloudcut/doorbell-1_ding/config");
        assertThat(ding).as("the doorbell's event entity, among %s", configs.keySet()).isNotNull();
        assertRequired(ding, "state_topic", "event_types");
        assertThat(ding.getString("device_class")).isEqualTo("doorbell");
        assertThat(ding.getJsonArray("event_types").getList()).contains("press");
        JsonObject motion = configs.get("homeassistant/binary_sensor/cloudcut/doorbell-1_motion/config");
        assertThat(motion).as("the doorbell's motion sensor, among %s", configs.keySet()).isNotNull();
        assertRequired(motion, "state_topic");
        assertThat(motion.getString("device_class")).isEqualTo("motion");
        assertThat(motion.getString("state_topic")).startsWith("ring/doorbell-local-chime/camera/doorbell-1/");

        JsonObject bedSetting = configs.get("homeassistant/sensor/cloudcut/bed-1_state/config");
        assertThat(bedSetting).as("the bed's setting in words, among %s", configs.keySet()).isNotNull();
        assertRequired(bedSetting, "state_topic", "value_template");
        JsonObject bedTemperature = configs.get("homeassistant/number/cloudcut/bed-1_temperature_level/config");
        JsonObject bedHead = configs.get("homeassistant/number/cloudcut/bed-1_head_incline/config");
        for (JsonObject number : List.of(bedTemperature, bedHead)) {
            assertThat(number).as("the bed's controls, among %s", configs.keySet()).isNotNull();
            assertRequired(number, "command_topic", "state_topic", "value_template", "min", "max", "step");
        }
        assertThat(List.of(bedTemperature.getInteger("min"), bedTemperature.getInteger("max"), bedTemperature.getInteger("step")))
                .containsExactly(-10, 10, 1);
        assertThat(List.of(bedHead.getInteger("min"), bedHead.getInteger("max"), bedHead.getInteger("step")))
                .containsExactly(0, 45, 5);
        String bedState = bedTemperature.getString("state_topic");
        await().atMost(PATIENCE).until(() -> dashboard.last(bedState).isPresent());
        assertThat(new JsonObject(dashboard.last(bedState).orElseThrow()).getMap())
                .containsEntry("temperatureLevel", 4).containsEntry("headDegrees", 15);

        configs.values().forEach(config -> {
            assertRequired(config, "unique_id", "device", "availability");
            assertThat(config.getJsonObject("device").getJsonArray("identifiers")).isNotEmpty();
            JsonObject availability = config.getJsonArray("availability").getJsonObject(0);
            assertThat(dashboard.last(availability.getString("topic"))).as("availability of %s", config.getString("unique_id"))
                    .contains(availability.getString("payload_available"));
            assertThat(availability.getString("payload_not_available")).isEqualTo("offline");
        });
        assertThat(configs.values().stream().map(config -> config.getString("unique_id")).distinct()).hasSize(6);
    }

    /**
     * A blackhole keeps the broker's socket open and silent: only the broker's keepalive (1.5 times
     * the device's 2 s) ends the connection, and then the broker publishes the device's will. The ten
     * run side by side (each a device, link and Vert.x of its own): they spend their time waiting for it.
     */
    @ParameterizedTest(name = "{0} broker, {1}")
    @Execution(ExecutionMode.CONCURRENT)
    @CsvSource({"embedded, vertx", "embedded, paho-v3", "embedded, paho-v5", "embedded, hivemq-v3", "embedded, hivemq-v5",
            "mosquitto, vertx", "mosquitto, paho-v3", "mosquitto, paho-v5", "mosquitto, hivemq-v3", "mosquitto, hivemq-v5"})
    void cuttingALinkMakesTheBrokerPublishTheDevicesOfflineWill(String broker, String stack) throws Exception {
        int port = broker.equals("embedded") ? embedded.endpoint().port() : mosquitto.port();
        String id = "vacuum-" + stack; // a device of its own: no will of another test's is retained for it
        String availability = "valetudo/" + id + "/status";
        vertx = Vertx.vertx();
        proxy = FaultProxy.create("127.0.0.1", port);
        Link link = proxy.openLink(id);
        deploy(id, models.get("vacuum").withClient(stack), link.port());
        MosquittoClients.Subscription dashboard = subscribe(port, availability);
        await().atMost(PATIENCE).until(() -> dashboard.last(availability).filter("online"::equals).isPresent());

        link.apply(LinkFaults.named("blackhole"));

        await().atMost(PATIENCE).until(() -> dashboard.last(availability).filter("offline"::equals).isPresent());
        // Ends so, rather than is only so: on a loaded machine a connection can end before the fault (a connect
        // that missed its CONNACK, a keepalive missed in a stall), its will published before the device is
        // back; a clean-clone run once read offline, online, offline.
        assertThat(dashboard.payloads(availability)).endsWith("online", "offline");
    }

    @Test
    void aDeviceBackFromAnOutageSaysOnlineAgain_andAStoppedOneSaysOffline() throws Exception {
        String availability = "valetudo/vacuum-back/status";
        vertx = Vertx.vertx();
        proxy = FaultProxy.create("127.0.0.1", mosquitto.port());
        Link link = proxy.openLink("vacuum-back");
        String deployment = deploy("vacuum-back", models.get("vacuum"), link.port());
        MosquittoClients.Subscription dashboard = subscribe(mosquitto.port(), availability);
        await().atMost(PATIENCE).until(() -> dashboard.payloads(availability).equals(List.of("online")));

        link.apply(LinkFaults.named("reset"));
        await().atMost(PATIENCE).until(() -> dashboard.payloads(availability).equals(List.of("online", "offline")));
        link.restore();
        await().atMost(PATIENCE).until(() -> dashboard.payloads(availability).equals(List.of("online", "offline", "online")));

        vertx.undeploy(deployment).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        await().atMost(PATIENCE).until(() -> dashboard.last(availability).filter("offline"::equals).isPresent());
    }

    @Test
    void aCommandSentWithMosquittoPubMovesTheVacuumsStateTopic_andMalformedOnesAreCountedAndRejected() throws Exception {
        vertx = Vertx.vertx();
        deploy("vacuum-commanded", models.get("vacuum"), mosquitto.port());
        String state = "valetudo/vacuum-commanded/hass/vacuum-commanded_vacuum/state";
        String commands = "valetudo/vacuum-commanded/BasicControlCapability/operation/set";
        MosquittoClients.Subscription dashboard = subscribe(mosquitto.port(), state);
        awaitState(dashboard, state, "docked");

        MosquittoClients.publish(mosquitto.port(), commands, "START");
        awaitState(dashboard, state, "cleaning");
        MosquittoClients.publish(mosquitto.port(), commands, "PAUSE");
        awaitState(dashboard, state, "paused");
        MosquittoClients.publish(mosquitto.port(), commands, "fly to the moon");
        MosquittoClients.publish(mosquitto.port(), commands, "");
        MosquittoClients.publish(mosquitto.port(), commands, "return_to_base"); // Home Assistant's own word
        awaitState(dashboard, state, "returning");

        JsonObject status = vertx.eventBus().<JsonObject>request(DeviceAddresses.of("vacuum-commanded"), DeviceAddresses.statusQuestion())
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).body();
        assertThat(status.getLong("malformedMessages")).isEqualTo(2);
        assertThat(status.getJsonObject("events").getLong("generated"))
                .as("dashboard publishes are no events of the device's").isZero();
        assertThat(dashboard.payloads(state).stream().map(payload -> new JsonObject(payload).getString("state")))
                .containsExactly("docked", "cleaning", "paused", "returning");
    }

    @Test
    void aValueSentWithMosquittoPubSetsTheBed_andProbesGoOnFromIt_whileBadValuesAreCountedAndRejected() throws Exception {
        vertx = Vertx.vertx();
        deploy("bed-commanded", models.get("bed"), mosquitto.port());
        String state = "smartbed/bed-commanded/state";
        MosquittoClients.Subscription dashboard = subscribe(mosquitto.port(), state);
        awaitBed(dashboard, state, 4, 15);

        MosquittoClients.publish(mosquitto.port(), "smartbed/bed-commanded/temperatureLevel/set", "-3");
        awaitBed(dashboard, state, -3, 15);
        MosquittoClients.publish(mosquitto.port(), "smartbed/bed-commanded/headDegrees/set", "0");
        awaitBed(dashboard, state, -3, 0);
        for (String bad : List.of("11", "warm", "2.5", "")) {
            MosquittoClients.publish(mosquitto.port(), "smartbed/bed-commanded/temperatureLevel/set", bad);
        }
        MosquittoClients.publish(mosquitto.port(), "smartbed/bed-commanded/headDegrees/set", "17");
        await().atMost(PATIENCE).until(() -> status("bed-commanded").getLong("malformedMessages") == 5);

        JsonObject press = vertx.eventBus().<JsonObject>request(DeviceAddresses.of("bed-commanded"),
                        new JsonObject().put("function", "temperature-buttons").put("probeId", "p1"))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).body();
        assertThat(press.getString("detail")).as("a probe's press, from where the dashboard left the bed")
                .isEqualTo("temperature -3 -> -4");
        awaitBed(dashboard, state, -4, 0);
        assertThat(dashboard.payloads(state).stream().map(payload -> new JsonObject(payload).getInteger("temperatureLevel")))
                .as("no bad value moved the bed").containsExactly(4, -3, -3, -4);
        assertThat(status("bed-commanded").getJsonObject("events").getLong("generated"))
                .as("dashboard values are no events of the device's").isZero();
    }

    @Test
    void aLockAllBedWithoutASessionRefusesADashboardsValue_andItsStateTopicShowsItUnchanged() throws Exception {
        vertx = Vertx.vertx();
        // No cloud answers its token request: the bed never has a session.
        deploy("bed-locked", lockedBed, mosquitto.port());
        String state = "smartbed/bed-locked/state";
        MosquittoClients.Subscription dashboard = subscribe(mosquitto.port(), state);
        awaitBed(dashboard, state, 4, 15);
        assertThat(status("bed-locked").getBoolean("sessionValid")).isFalse();

        MosquittoClients.publish(mosquitto.port(), "smartbed/bed-locked/temperatureLevel/set", "-3");
        // Sent after the value, on the same topic: once it is counted, the value was handled.
        MosquittoClients.publish(mosquitto.port(), "smartbed/bed-locked/temperatureLevel/set", "cooler");
        await().atMost(PATIENCE).until(() -> status("bed-locked").getLong("malformedMessages") == 1);

        assertThat(dashboard.payloads(state)).hasSize(1);
        assertThat(new JsonObject(dashboard.last(state).orElseThrow()).getInteger("temperatureLevel")).isEqualTo(4);
    }

    @Test
    void aRingShowsAsADoorbellEvent_whileTheEventAccountCountsOnlyTheRing() throws Exception {
        vertx = Vertx.vertx();
        deploy("doorbell-1", models.get("doorbell"), mosquitto.port());
        String ding = "ring/doorbell-local-chime/camera/doorbell-1/ding/event";
        MosquittoClients.Subscription dashboard = subscribe(mosquitto.port(), ding, "ring/doorbell-local-chime/camera/doorbell-1/status");
        await().atMost(PATIENCE).until(() -> dashboard.last("ring/doorbell-local-chime/camera/doorbell-1/status").isPresent());

        vertx.eventBus().request(DeviceAddresses.of("doorbell-1"), new JsonObject().put("function", "chime"))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        await().atMost(PATIENCE).until(() -> !dashboard.payloads(ding).isEmpty());
        assertThat(new JsonObject(dashboard.payloads(ding).get(0)).getString("event_type")).isEqualTo("press");
        JsonObject status = vertx.eventBus().<JsonObject>request(DeviceAddresses.of("doorbell-1"), DeviceAddresses.statusQuestion())
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).body();
        assertThat(status.getJsonObject("events").getLong("generated")).as("the ring, and nothing for the dashboard").isEqualTo(1);
    }

    private String deploy(String id, DeviceModel model, int port) throws Exception {
        return vertx.deployVerticle(new DeviceVerticle(id, model, "127.0.0.1", port, ScenarioClock.running(1), null))
                .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private MosquittoClients.Subscription subscribe(int port, String... filters) throws Exception {
        MosquittoClients.Subscription subscription = MosquittoClients.subscribe(port, filters);
        subscriptions.add(subscription);
        return subscription;
    }

    private JsonObject status(String deviceId) throws Exception {
        return vertx.eventBus().<JsonObject>request(DeviceAddresses.of(deviceId), DeviceAddresses.statusQuestion())
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).body();
    }

    private static void awaitBed(MosquittoClients.Subscription dashboard, String topic, int temperatureLevel, int headDegrees) {
        await().atMost(PATIENCE).until(() -> dashboard.last(topic).map(JsonObject::new)
                .filter(bed -> bed.getInteger("temperatureLevel") == temperatureLevel
                        && bed.getInteger("headDegrees") == headDegrees).isPresent());
    }

    private static void awaitState(MosquittoClients.Subscription dashboard, String topic, String state) {
        await().atMost(PATIENCE).until(() -> dashboard.last(topic)
                .map(payload -> new JsonObject(payload).getString("state")).filter(state::equals).isPresent());
    }

    /** The configs of this test's devices: other tests' devices on the same broker left theirs. */
    private static Map<String, JsonObject> configs(MosquittoClients.Subscription dashboard) {
        Map<String, JsonObject> configs = new TreeMap<>();
        dashboard.received().stream().filter(message -> message.topic().matches("homeassistant/[^/]+/cloudcut/(vacuum|doorbell|bed)-1_.*"))
                .forEach(message -> configs.put(message.topic(), new JsonObject(message.payload())));
        return configs;
    }

    private static void assertRequired(JsonObject config, String... keys) {
        for (String key : keys) {
            assertThat(config.getValue(key)).as("%s in %s", key, config.encode()).isNotNull();
        }
    }
}
