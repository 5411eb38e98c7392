package io.cloudcut.bench;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import io.cloudcut.broker.Broker;
import io.cloudcut.broker.BrokerSettings;
import io.cloudcut.broker.Brokers;
import io.cloudcut.cloud.CloudTopics;
import io.cloudcut.dashboard.mqtt.DeviceConventions;
import io.cloudcut.harness.ProgressListener;
import io.cloudcut.harness.Scenarios;
import io.cloudcut.identity.Identities;
import io.cloudcut.mqtt.Credentials;
import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.testing.Project;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The raw baseline does a device's MQTT traffic, not less: on a real broker with the run's identities and
 * ACLs, each bare client leaves what a device leaves when it connects (online on its availability topic,
 * its discovery configs and its state, retained) and sends its sign-in request, so that the bench's
 * connect ratio compares like with like; and so does each of the clients that connect through the fault proxy.
 */
class BareClientsTest {

    private static final int CLIENTS = 3;

    @Test
    void eachBareClientSendsWhatADeviceSendsWhenItConnects() throws Exception {
        DeviceModel model = Scenarios.loader(Project.root()).load(Project.file(Bench.SCENARIO)).models()
                .values().iterator().next();
        Identities identities = Identities.generate();
        Vertx vertx = Vertx.vertx();
        try (Broker broker = Brokers.start(new BrokerSettings(null, 0, null), identities)) {
            Mqtt3BlockingClient signIns = reader(broker, "bench-sign-in-reader", identities.cloudService("auth"));
            signIns.subscribeWith().topicFilter(CloudTopics.AUTH_REQUEST).send();
            try (Mqtt3BlockingClient.Mqtt3Publishes requests = signIns.publishes(MqttGlobalPublishFilter.ALL)) {
                List<String> stages = new ArrayList<>();
                ProgressListener progress = new ProgressListener() {
                    @Override
                    public void starting(String what) {
                        stages.add(what);
                    }
                };
                BareFigures figures = new BareClients(vertx, broker.endpoint(), "vertx", model, identities, false)
                        .measure(CLIENTS, 2, java.time.Duration.ofSeconds(1), progress);
                assertThat(stages).as("the progress line, stage by stage").satisfiesExactly(
                        warmUp -> assertThat(warmUp).startsWith("the bare clients' warm-up: 3 straight to the broker"),
                        round -> assertThat(round).startsWith("connect round 1 of 3: 3 bare clients through a fault proxy"),
                        round -> assertThat(round).startsWith("connect round 2 of 3"),
                        round -> assertThat(round).startsWith("connect round 3 of 3"),
                        telemetry -> assertThat(telemetry).startsWith("the bare clients' telemetry: 1s at the fleet's pace"));
                assertThat(figures.side().clients()).isEqualTo(CLIENTS);
                assertThat(figures.eventsCeilingPerSecond()).as("back to back, faster than 2 a second each")
                        .isGreaterThan(figures.side().eventsPerSecond());
                List<String> signedIn = received(requests).stream().map(BareClientsTest::payload).toList();
                for (int i = 0; i < CLIENTS; i++) {
                    for (int round = 1; round <= BareClients.CONNECT_ROUNDS; round++) {
                        for (String way : List.of(BareClients.DIRECT, BareClients.PROXIED)) {
                            assertThat(signedIn).as("sign-in requests, the warm-up clients' included; through the proxy too")
                                    .contains("{\"deviceId\":\"" + way + round + "-" + i + "\",\"ttlMillis\":"
                                            + model.session().tokenTtl().toMillis() + "}");
                        }
                    }
                }
                assertThat(figures.throughProxy().clients()).isEqualTo(CLIENTS);
                assertThat(figures.throughProxy().perSecond()).isPositive();
            }
            signIns.disconnect();

            Mqtt3BlockingClient dashboard = reader(broker, "bench-dashboard-reader", identities.dashboard());
            List<DeviceConventions> bare = IntStream.range(0, CLIENTS)
                    .mapToObj(i -> DeviceConventions.of(BareClients.DIRECT + BareClients.CONNECT_ROUNDS + "-" + i, model)).toList();
            try (Mqtt3BlockingClient.Mqtt3Publishes retained = dashboard.publishes(MqttGlobalPublishFilter.ALL)) {
                bare.forEach(device -> device.retainedTopics().forEach(topic -> dashboard.subscribeWith().topicFilter(topic).send()));
                Map<String, String> left = new HashMap<>();
                received(retained).forEach(message -> left.put(message.getTopic().toString(), payload(message)));
                for (DeviceConventions device : bare) {
                    assertThat(left).as("what a bare client left retained").containsKeys(device.retainedTopics().toArray(String[]::new));
                    assertThat(left.get(device.availabilityTopic())).isEqualTo(DeviceConventions.ONLINE);
                    assertThat(left.get(device.stateTopic())).contains("docked");
                }
            }
            dashboard.disconnect();
        } finally {
            vertx.close().await();
        }
    }

    /** As each device's verticle has its own, spread over the event loops: not all on the one a thread outside Vert.x is given. */
    @Test
    void eachBareClientHasAContextOfItsOwn() {
        Vertx vertx = Vertx.vertx();
        try {
            List<Context> contexts = IntStream.range(0, 8).mapToObj(i -> BareClients.contextForAClient(vertx)).toList();
            assertThat(contexts).doesNotHaveDuplicates().allSatisfy(context -> assertThat(context.isEventLoopContext()).isTrue());
            Set<String> loops = ConcurrentHashMap.newKeySet();
            Future.all(contexts.stream().map(context -> {
                Promise<Void> ran = Promise.promise();
                context.runOnContext(on -> {
                    loops.add(Thread.currentThread().getName());
                    ran.complete();
                });
                return ran.future();
            }).toList()).await();
            assertThat(loops).as("event loops the clients run on").hasSizeGreaterThan(1);
        } finally {
            vertx.close().await();
        }
    }

    private static Mqtt3BlockingClient reader(Broker broker, String clientId, Credentials credentials) {
        Mqtt3BlockingClient client = com.hivemq.client.mqtt.MqttClient.builder().useMqttVersion3().identifier(clientId)
                .serverHost("127.0.0.1").serverPort(broker.endpoint().port()).buildBlocking();
        client.connectWith().simpleAuth().username(credentials.username()).password(credentials.passwordBytes())
                .applySimpleAuth().send();
        return client;
    }

    /** What arrives until a quiet second. */
    private static List<Mqtt3Publish> received(Mqtt3BlockingClient.Mqtt3Publishes publishes) throws InterruptedException {
        List<Mqtt3Publish> arrived = new ArrayList<>();
        for (Optional<Mqtt3Publish> next = publishes.receive(1, TimeUnit.SECONDS); next.isPresent();
             next = publishes.receive(1, TimeUnit.SECONDS)) {
            arrived.add(next.get());
        }
        return arrived;
    }

    private static String payload(Mqtt3Publish message) {
        return new String(message.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }
}
