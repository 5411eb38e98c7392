package io.cloudcut.fault;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static io.cloudcut.fault.FaultApiClient.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** The fault API's routes against its OpenAPI description, its errors, and hostile requests that change nothing. */
class FaultApiShapeTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    /** A request body the API must refuse, with the status and a part of the error it answers. */
    private record Hostile(String body, int status, String error) {
    }

    private StandaloneProxy proxy;
    private FaultApiClient api;

    @BeforeEach
    void startProxy() throws Exception {
        // No client connects in these tests: the broker behind is never contacted.
        proxy = StandaloneProxy.start(0, "127.0.0.1", 9, "127.0.0.1", 0);
        api = new FaultApiClient(proxy.apiPort());
    }

    @AfterEach
    void stopProxy() throws Exception {
        proxy.close();
    }

    @Test
    void openApi_documentsEveryRoute_andNothingElse_withTheFaultTypesOfTheRegistry() throws Exception {
        JsonObject description = api.send("GET", "/openapi.json", null).json();

        Set<String> documented = new TreeSet<>();
        JsonObject paths = description.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            paths.getJsonObject(path).fieldNames().stream().filter(METHODS::contains)
                    .forEach(method -> documented.add(method.toUpperCase() + " " + path));
        }

        assertThat(description.getString("openapi")).startsWith("3.");
        assertThat(documented).isEqualTo(proxy.api().routeNames()).contains("GET /connections/{id}", "DELETE /faults/{name}");
        assertThat(description.getJsonObject("components").getJsonObject("schemas").getJsonObject("FaultRequest")
                .getJsonObject("properties").getJsonObject("type").getJsonArray("enum"))
                .isEqualTo(new JsonArray(List.copyOf(LinkFaults.names())));
    }

    @Test
    void oneFaultAndOneConnection_byName_or404() throws Exception {
        JsonObject added = api.addFault("{\"type\":\"latency\",\"name\":\"slow\",\"target\":{\"clients\":[\"robot-*\",\"bed-1\"]},"
                + "\"toxicity\":0.25,\"seed\":7,\"duration\":60000,\"attributes\":{\"latency\":200}}");

        assertThat(added).isEqualTo(new JsonObject("{\"name\":\"slow\",\"type\":\"latency\",\"direction\":\"both\","
                + "\"target\":{\"clients\":[\"robot-*\",\"bed-1\"]},\"toxicity\":0.25,\"seed\":7,\"duration\":60000,"
                + "\"attributes\":{\"latency\":200}}"));
        assertThat(api.send("GET", "/faults/slow", null).json()).isEqualTo(added);
        assertError(api.send("GET", "/faults/fast", null), 404, "No active fault named 'fast'; active: [slow]");
        assertError(api.send("GET", "/connections/proxy-9", null), 404, "No connection 'proxy-9'");
        assertThat(api.getArray("/connections")).isEmpty();
        JsonObject random = api.addFault("{\"type\":\"latency\",\"name\":\"some\",\"toxicity\":0.5}");
        assertThat(random.getLong("seed")).as("a seed is chosen and shown, so that the run can be repeated").isNotNull();
    }

    @Test
    void hostileRequests_get4xxJsonErrors_andChangeNothing() throws Exception {
        JsonObject kept = api.addFault("{\"type\":\"latency\",\"name\":\"kept\",\"attributes\":{\"latency\":10}}");
        String oversized = "{\"type\":\"latency\",\"name\":\"" + "x".repeat(FaultApi.MAX_BODY_BYTES) + "\"}";
        String deep = "[".repeat(5_000) + "]".repeat(5_000);

        List<Hostile> corpus = List.of(
                new Hostile(oversized, 413, "over 65536 bytes"),
                new Hostile(deep, 400, "must be a JSON object"),
                new Hostile("{not json", 400, "must be a JSON object"),
                new Hostile("\u0000\u00ff garbage", 400, "must be a JSON object"),
                new Hostile("", 400, "at least a 'type'"),
                new Hostile("{\"type\":\"teleport\"}", 400, "Unknown link fault 'teleport'"),
                new Hostile("{\"type\":\"latency\",\"colour\":\"red\"}", 400, "Unknown field 'colour'"),
                new Hostile("{\"type\":\"latency\",\"attributes\":{\"latency\":-5}}", 400,
                        "Attribute 'latency' of fault 'latency' must be from 0 to 3600000, got -5"),
                new Hostile("{\"type\":\"loss\",\"attributes\":{\"probability\":7}}", 400,
                        "Attribute 'probability' of fault 'loss' must be from 0.0 to 1.0, got 7.0"),
                new Hostile("{\"type\":\"latency\",\"toxicity\":2}", 400, "'toxicity' must be from 0 to 1, got 2"),
                new Hostile("{\"type\":\"latency\",\"toxicity\":\"most\"}", 400, "'toxicity' must be a number"),
                new Hostile("{\"type\":\"latency\",\"seed\":3}", 400, "'toxicity' below 1, which is missing"),
                new Hostile("{\"type\":\"latency\",\"duration\":-5}", 400, "'duration' must be a whole number from 1"),
                new Hostile("{\"type\":\"latency\",\"duration\":\"10s\"}", 400, "'duration' must be a whole number"),
                new Hostile("{\"type\":\"latency\",\"duration\":1.5}", 400, "'duration' must be a whole number"),
                new Hostile("{\"type\":\"latency\",\"target\":{\"clients\":[]}}", 400, "at least one client"),
                new Hostile("{\"type\":\"latency\",\"target\":{\"clients\":[5]}}", 400, "Field 'target' must be"),
                new Hostile("{\"type\":\"latency\",\"target\":{\"clients\":[\"a\"],\"percent\":5}}", 400, "Field 'target' must be"),
                new Hostile("{\"type\":\"latency\",\"name\":\"\"}", 400, "needs a name"),
                new Hostile("{\"type\":\"latency\",\"name\":\"kept\"}", 409, "'kept' is already active"));

        for (Hostile request : corpus) {
            assertError(api.send("POST", "/faults", request.body()), request.status(), request.error());
        }

        assertError(api.send("PUT", "/faults", "{}"), 405, "allowed: GET, POST");
        assertError(api.send("POST", "/faults/kept", "{}"), 405, "allowed: DELETE, GET");
        assertError(api.send("GET", "/nowhere", null), 404, "No route /nowhere; routes: DELETE /faults/{name}");

        assertThat(api.getArray("/faults")).isEqualTo(new JsonArray().add(kept));
        assertThat(proxy.link().faults()).extracting(LinkFault::name).containsExactly("latency");
    }
}
