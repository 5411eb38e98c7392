import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Bare MQTT clients through a running {@code cloudcut proxy}, driven over its HTTP API as a user would: every client
 * publishes at QoS 1 once a second and, as a device would, drops its connection when no PUBACK came for 3 s, then
 * reconnects after 0.5-1 s. Prints how long the fleet took to connect, to notice a blackhole, to come back once it is
 * removed, to be cut by a reset and to come back from it, and how the API answered. Run by proxy-at-scale.sh.
 */
public final class ProxyAtScale {

    private static final int CLIENTS = Integer.getInteger("clients", 1_000);
    private static final int PROXY_PORT = Integer.getInteger("proxyPort", 21884);
    private static final String API = "http://127.0.0.1:" + Integer.getInteger("apiPort", 28474);
    private static final long PUBACK_LIMIT_NANOS = 3_000_000_000L;
    private static final long WAIT_LIMIT_MILLIS = 120_000;

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Set<Integer> connected = ConcurrentHashMap.newKeySet();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private volatile boolean reconnecting = true;

    public static void main(String[] args) throws Exception {
        new ProxyAtScale().run();
        System.exit(0);
    }

    private void run() throws Exception {
        long start = System.nanoTime();
        for (int client = 0; client < CLIENTS; client++) {
            int id = client;
            vertx.runOnContext(ignored -> connect(id));
        }
        step("all connected", () -> connected.size() == CLIENTS);
        Thread.sleep(5_000);
        System.out.printf("steady 5 s: %d published, %d acknowledged%n", sent.get(), acknowledged.get());
        api("GET", "/links", null);
        api("GET", "/connections", null);
        api("POST", "/faults", "{\"type\":\"blackhole\",\"name\":\"bh\"}");
        step("all noticed the blackhole", connected::isEmpty);
        api("DELETE", "/faults/bh", null);
        step("all back after it", () -> connected.size() == CLIENTS);
        long sentBefore = sent.get();
        long acknowledgedBefore = acknowledged.get();
        Thread.sleep(5_000);
        System.out.printf("after 5 s: %d published, %d acknowledged%n", sent.get() - sentBefore,
                acknowledged.get() - acknowledgedBefore);
        api("GET", "/connections", null);
        api("POST", "/faults", "{\"type\":\"reset\",\"name\":\"cut\"}");
        step("all cut by a reset", connected::isEmpty);
        api("DELETE", "/faults/cut", null);
        step("all back after it", () -> connected.size() == CLIENTS);
        reconnecting = false;
        System.out.printf("done in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    private void connect(int id) {
        MqttClient client = MqttClient.create(vertx, new MqttClientOptions().setClientId("bare-" + id)
                .setKeepAliveInterval(2).setCleanSession(true));
        long[] lastAcknowledged = {System.nanoTime()};
        long[] publisher = {-1};
        client.publishCompletionHandler(packet -> {
            acknowledged.incrementAndGet();
            lastAcknowledged[0] = System.nanoTime();
        });
        client.closeHandler(closed -> {
            vertx.cancelTimer(publisher[0]);
            connected.remove(id);
            reconnectLater(id);
        });
        client.connect(PROXY_PORT, "127.0.0.1").onComplete(connecting -> {
            if (connecting.failed()) {
                reconnectLater(id);
                return;
            }
            connected.add(id);
            lastAcknowledged[0] = System.nanoTime();
            publisher[0] = vertx.setPeriodic(1_000, tick -> {
                if (System.nanoTime() - lastAcknowledged[0] > PUBACK_LIMIT_NANOS) {
                    connected.remove(id);
                    client.disconnect();
                } else {
                    sent.incrementAndGet();
                    client.publish("bare/" + id, Buffer.buffer("x"), MqttQoS.AT_LEAST_ONCE, false, false);
                }
            });
        });
    }

    private void reconnectLater(int id) {
        if (reconnecting) {
            vertx.setTimer(500 + ThreadLocalRandom.current().nextLong(500), timer -> connect(id));
        }
    }

    private void step(String what, BooleanSupplier done) throws InterruptedException {
        long from = System.nanoTime();
        while (!done.getAsBoolean()) {
            if ((System.nanoTime() - from) / 1_000_000 > WAIT_LIMIT_MILLIS) {
                throw new IllegalStateException(what + ": not within " + WAIT_LIMIT_MILLIS + " ms, " + connected.size()
                        + " of " + CLIENTS + " connected");
            }
            Thread.sleep(10);
        }
        System.out.printf("%s in %d ms%n", what, (System.nanoTime() - from) / 1_000_000);
    }

    private void api(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(API + path));
        request = switch (method) {
            case "POST" -> request.POST(HttpRequest.BodyPublishers.ofString(body));
            case "DELETE" -> request.DELETE();
            default -> request.GET();
        };
        long from = System.nanoTime();
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        System.out.printf("  %s %s: %d, %,d bytes in %d ms%s%n", method, path, response.statusCode(), response.body().length(),
                (System.nanoTime() - from) / 1_000_000, path.equals("/connections")
                        ? ", " + (response.body().split("\"clientId\"").length - 1) + " connections listed" : "");
    }
}
