package io.cloudcut.dashboard.mqtt;

import io.cloudcut.mqtt.ClientTlsOptions;
import io.cloudcut.trust.ClientTls;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import io.cloudcut.mqtt.Credentials;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The harness's own connection for MQTT dashboards, straight to the broker (never through a device
 * link): it shows where the run stands on retained topics under {@value #PREFIX}, each published
 * when it changes, and at the end clears the devices' retained topics (discovery configs, state,
 * availability), unless they are to be kept.
 * <ul>
 *   <li>{@code cloudcut/status/harness}: {@code online}, {@code offline} (also the Last Will);</li>
 *   <li>{@code cloudcut/status/phase}: the phase under way, {@code finished} at the end;</li>
 *   <li>{@code cloudcut/status/faults}: the faults in force, a JSON array of their names;</li>
 *   <li>{@code cloudcut/status/connected/<model>}: how many devices of the model are connected;</li>
 *   <li>{@code cloudcut/status/recovered}: how many devices recovered;</li>
 *   <li>{@code cloudcut/status/health}: {@code healthy}, {@code unhealthy}, or {@code unknown} before
 *   the baseline was judged.</li>
 * </ul>
 * The HiveMQ client queues what exceeds the broker's in-flight window, so that thousands of
 * clearing publishes need no pacing here. Thread-safe.
 */
public final class StatusPublisher {

    public static final String PREFIX = "cloudcut/status/";
    /** How long the end of a run waits for the connection, lost to a broker restart, say, to come back. */
    private static final Duration RECONNECT_LIMIT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(StatusPublisher.class);

    private final Mqtt3AsyncClient client;
    /** Completes while connected; a new one, not complete, from each loss to the next connect. */
    private volatile CompletableFuture<Void> up = new CompletableFuture<>();
    /** What each topic shows, as last published; cleared on a reconnect (a restarted broker lost it). */
    private final Map<String, String> shown = new ConcurrentHashMap<>();

    private StatusPublisher(String host, int port, Credentials credentials, ClientTls tls) {
        client = MqttClient.builder()
                // Its own id per run: two runs on one external broker must not take each other's session.
                .identifier("cloudcut-harness-status-" + UUID.randomUUID().toString().substring(0, 8))
                .serverHost(host)
                .serverPort(port)
                .sslConfig(tls == null ? null : ClientTlsOptions.hiveMq(tls))
                // Soon after a broker restart: the status shown meanwhile is stale.
                .automaticReconnect()
                    .initialDelay(100, TimeUnit.MILLISECONDS)
                    .maxDelay(2, TimeUnit.SECONDS)
                    .applyAutomaticReconnect()
                .addConnectedListener(connected -> connected())
                .addDisconnectedListener(lost -> {
                    if (up.isDone()) {
                        up = new CompletableFuture<>();
                    }
                })
                .useMqttVersion3()
                .simpleAuth().username(credentials.username()).password(credentials.passwordBytes()).applySimpleAuth()
                .buildAsync();
    }

    /** Connects to the broker; reconnects by itself when the broker goes away (a broker fault) and comes back. */
    public static Future<StatusPublisher> connect(String host, int port, Credentials credentials) {
        return connect(host, port, credentials, null);
    }

    /** As the other, over TLS as {@code tls} says (null: plain TCP). */
    public static Future<StatusPublisher> connect(String host, int port, Credentials credentials, ClientTls tls) {
        StatusPublisher publisher = new StatusPublisher(host, port, credentials, tls);
        CompletableFuture<?> connected = publisher.client.connectWith()
                .willPublish().topic(PREFIX + "harness").payload(bytes(DeviceConventions.OFFLINE))
                    .qos(MqttQos.AT_LEAST_ONCE).retain(true).applyWillPublish()
                .send();
        // A connect that failed must not leave the client reconnecting behind the run's back.
        return Future.fromCompletionStage(connected).map(publisher).onFailure(failed -> publisher.close());
    }

    /**
     * At every connect, on the client's thread: {@code online}, and after a loss everything again at
     * the next status (the broker may have restarted and lost what it kept).
     */
    private void connected() {
        shown.clear();
        up.complete(null);
        publish(PREFIX + "harness", DeviceConventions.ONLINE);
    }

    /**
     * Shows where the run stands; only what changed is published.
     *
     * @param connectedByModel connected devices per model, every model of the fleet named
     * @param healthy          the baseline's verdict on the harness, null before it was judged
     */
    public void show(String phase, List<String> faults, Map<String, Integer> connectedByModel, int recovered,
                     Boolean healthy) {
        showIfChanged("phase", phase);
        showIfChanged("faults", new JsonArray(new ArrayList<>(faults)).encode());
        connectedByModel.forEach((model, count) -> showIfChanged("connected/" + model, String.valueOf(count)));
        showIfChanged("recovered", String.valueOf(recovered));
        showIfChanged("health", healthy == null ? "unknown" : healthy ? "healthy" : "unhealthy");
    }

    /**
     * Ends the run's showing: phase {@code finished}; the devices' retained topics cleared unless
     * {@code keepDiscovery}; {@code offline}; disconnected. Completes once the broker acknowledged it
     * all, or, when the broker could not be reached, after logging what was left: a dashboard's
     * leftovers are no reason to lose a run's verdicts.
     */
    public Future<Void> finish(Collection<DeviceConventions> devices, boolean keepDiscovery) {
        CompletableFuture<Void> done = up.orTimeout(RECONNECT_LIMIT.toMillis(), TimeUnit.MILLISECONDS).thenCompose(connected -> {
            List<CompletableFuture<?>> sent = new ArrayList<>();
            sent.add(publish(PREFIX + "phase", "finished"));
            if (!keepDiscovery) {
                devices.forEach(device -> device.retainedTopics().forEach(topic -> sent.add(publish(topic, ""))));
            }
            sent.add(publish(PREFIX + "harness", DeviceConventions.OFFLINE));
            return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
        }).handle((acked, failed) -> {
            if (failed != null) {
                LOG.warn("could not end the run's MQTT dashboard topics ({}): the devices' retained topics may be left on the broker",
                        failed.toString());
            }
            close();
            return null;
        });
        return Future.fromCompletionStage(done);
    }

    /** Disconnects, if {@link #finish} did not: a run that failed midway stops reconnecting here too. */
    public void close() {
        if (client.getState().isConnectedOrReconnect()) {
            client.disconnect();
        }
    }

    private void showIfChanged(String subtopic, String payload) {
        String topic = PREFIX + subtopic;
        if (!Objects.equals(shown.put(topic, payload), payload)) {
            publish(topic, payload).exceptionally(failed -> {
                shown.remove(topic, payload); // shown again at the next change or status
                return null;
            });
        }
    }

    private CompletableFuture<?> publish(String topic, String payload) {
        return client.publishWith().topic(topic).payload(bytes(payload)).qos(MqttQos.AT_LEAST_ONCE).retain(true).send();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
