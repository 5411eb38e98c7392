package io.cloudcut.fault;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The fault API of a proxy, through the JDK's HTTP client, as a test drives it. */
final class FaultApiClient {

    /** An HTTP answer: its status, content type and body. */
    record Answer(int status, String contentType, String body) {
        JsonObject json() {
            return new JsonObject(body);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final int port;

    FaultApiClient(int port) {
        this.port = port;
    }

    Answer send(String method, String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("content-type").orElse(""), response.body());
    }

    /** Posts a fault and expects it taken. */
    JsonObject addFault(String json) throws Exception {
        Answer added = send("POST", "/faults", json);
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        return added.json();
    }

    JsonArray getArray(String path) throws Exception {
        Answer answer = send("GET", path, null);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return new JsonArray(answer.body());
    }

    /** The connection whose CONNECT carried {@code clientId}, the latest if several did. */
    JsonObject connectionOf(String clientId) throws Exception {
        return getArray("/connections").stream().map(JsonObject.class::cast)
                .filter(connection -> clientId.equals(connection.getString("clientId")))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("No connection of '" + clientId + "'"));
    }

    /** Follows {@code GET /events}: every line received, in order, until the proxy closes. */
    List<JsonObject> followEvents() throws Exception {
        List<JsonObject> events = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/events")).build();
        HttpResponse<java.util.stream.Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("application/x-ndjson");
        Thread reader = new Thread(() -> {
            try {
                response.body().forEach(line -> events.add(new JsonObject(line)));
            } catch (RuntimeException closed) {
                // The proxy stopped.
            }
        }, "events reader");
        reader.setDaemon(true);
        reader.start();
        return events;
    }

    static void assertError(Answer answer, int status, String messagePart) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).isEqualTo("application/json");
        assertThat(answer.json().getString("error")).isNotBlank().contains(messagePart);
    }
}
