package io.cloudcut.fault;

import io.cloudcut.cli.CloudCutCommand;
import io.cloudcut.fault.FaultApiClient.Answer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.cloudcut.fault.FaultApiClient.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The stand-alone proxy in front of Mosquitto, faulted through its HTTP API, with Mosquitto's own command-line clients. */
class StandaloneProxyTest extends StandaloneProxyToMosquitto {

    private static final String TOPIC = "cloudcut/api";

    /** What a command-line client did: its exit code and everything it printed. */
    private record Run(int exitCode, String output) {
    }

    @Test
    void resetFault_makesPublishFail_andDeletingItLetsMessagesThroughAgain() throws Exception {
        assertPasses("before");

        Answer added = send("POST", "/faults", "{\"type\":\"reset\",\"name\":\"cut\"}");
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json()).isEqualTo(new JsonObject(
                "{\"name\":\"cut\",\"type\":\"reset\",\"direction\":\"both\",\"target\":\"all\",\"attributes\":{}}"));
        assertThat(send("GET", "/faults", null).body()).isEqualTo(new JsonArray(List.of(added.json())).encode());
        Run failed = publish("during");
        System.out.println("mosquitto_pub through a reset link: exit " + failed.exitCode() + ", " + failed.output().strip());
        assertThat(failed.exitCode()).isNotZero();
        assertThat(proxy.link().stats().reset()).isPositive();

        assertThat(send("DELETE", "/faults/cut", null).status()).isEqualTo(204);

        assertThat(send("GET", "/faults", null).body()).isEqualTo("[]");
        assertPasses("after");
    }

    @Test
    void refuseFault_makesPublishFail_andPostResetClearsIt() throws Exception {
        Answer added = send("POST", "/faults", "{\"type\":\"refuse\",\"target\":[\"proxy\"]}");
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().getString("name")).isEqualTo("refuse_both");

        assertThat(publish("refused").exitCode()).isNotZero();
        JsonObject link = new JsonArray(send("GET", "/links", null).body()).getJsonObject(0);
        assertThat(link.getString("id")).isEqualTo(StandaloneProxy.LINK_ID);
        assertThat(link.getInteger("port")).isEqualTo(proxy.link().port());
        assertThat(link.getJsonArray("faults").getJsonObject(0).getString("name")).isEqualTo("refuse_both");
        assertThat(link.getJsonArray("faults").getJsonObject(0).getString("type")).isEqualTo("refuse");
        assertThat(link.getJsonObject("stats").getLong("accepted")).isNotNull();

        assertThat(send("POST", "/reset", null).status()).isEqualTo(204);

        assertPasses("after reset");
    }

    @Test
    void refuseConnectFault_takesItsReasonAsAString_andMosquittoPubV5SeesIt() throws Exception {
        Answer added = send("POST", "/faults", "{\"type\":\"refuse-connect\",\"attributes\":{\"reason\":\"server-busy\"}}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);

        Run refused = run("mosquitto_pub", "-h", "127.0.0.1", "-p", String.valueOf(proxy.link().port()),
                "-V", "mqttv5", "-t", TOPIC, "-m", "refused");
        System.out.println("mosquitto_pub v5 through refuse-connect: exit " + refused.exitCode() + ", " + refused.output().strip());
        // mosquitto_pub exits with the CONNACK's reason code.
        assertThat(refused.exitCode()).isEqualTo(0x89);
        assertThat(refused.output()).containsIgnoringCase("server busy");
    }

    @Test
    void severalFaults_composeOnTheLink_andDirectionIsKept() throws Exception {
        assertThat(send("POST", "/faults",
                "{\"type\":\"latency\",\"name\":\"slow-up\",\"direction\":\"upstream\",\"attributes\":{\"latency\":300}}").status())
                .isEqualTo(201);
        assertThat(send("POST", "/faults",
                "{\"type\":\"bandwidth\",\"name\":\"thin\",\"target\":{\"percent\":100},\"attributes\":{\"rate\":100}}").status())
                .isEqualTo(201);

        assertThat(proxy.link().faults()).extracting(LinkFault::name).containsExactly("latency", "bandwidth");
        assertThat(new JsonArray(send("GET", "/faults", null).body()).getJsonObject(0).getString("direction")).isEqualTo("upstream");
        assertThat(linkFaults()).containsExactly(
                new JsonObject("{\"name\":\"slow-up\",\"type\":\"latency\",\"direction\":\"upstream\",\"target\":\"all\","
                        + "\"attributes\":{\"latency\":300}}"),
                new JsonObject("{\"name\":\"thin\",\"type\":\"bandwidth\",\"direction\":\"both\",\"target\":{\"percent\":100},"
                        + "\"attributes\":{\"rate\":100}}"));
        long start = System.nanoTime();
        assertPasses("slowly");
        // The CONNECT, the PUBLISH and the SUBSCRIBE each wait at least 300 ms on the way up.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void disconnect_isOneShot_answeredDone_neverListed_andItsNameIsFreeAgain() throws Exception {
        for (int kick = 1; kick <= 2; kick++) {
            MqttClient device = new MqttClient("tcp://127.0.0.1:" + proxy.link().port(), "kicked-" + kick, new MemoryPersistence());
            device.connect(new MqttConnectionOptions());

            Answer added = send("POST", "/faults", "{\"type\":\"disconnect\",\"name\":\"kick\"}");

            assertThat(added.status()).as(added.body()).isEqualTo(201);
            assertThat(added.json().getBoolean("done")).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> !device.isConnected());
            assertThat(send("GET", "/faults", null).body()).isEqualTo("[]");
            assertThat(linkFaults()).isEmpty();
            device.close(true);
        }
    }

    @Test
    void links_listTwoFaultsOfOneTypeByName_withTheirAttributes() throws Exception {
        send("POST", "/faults", "{\"type\":\"latency\",\"name\":\"slow-up\",\"direction\":\"upstream\",\"attributes\":{\"latency\":300}}");
        send("POST", "/faults", "{\"type\":\"latency\",\"name\":\"slow-down\",\"direction\":\"downstream\",\"attributes\":{\"latency\":50}}");

        List<JsonObject> faults = linkFaults();

        assertThat(faults).extracting(fault -> fault.getString("name")).containsExactly("slow-up", "slow-down");
        assertThat(faults).extracting(fault -> fault.getString("type")).containsExactly("latency", "latency");
        assertThat(faults).extracting(fault -> fault.getJsonObject("attributes").getInteger("latency")).containsExactly(300, 50);
        assertThat(send("DELETE", "/faults/slow-up", null).status()).isEqualTo(204);
        assertThat(linkFaults()).extracting(fault -> fault.getString("name")).containsExactly("slow-down");
    }

    @Test
    void badRequests_get4xxWithAJsonError() throws Exception {
        assertError(send("POST", "/faults", "{not json"), 400, "must be a JSON object");
        assertError(send("POST", "/faults", "[1]"), 400, "JSON object");
        assertError(send("POST", "/faults", "{\"type\":\"teleport\"}"), 400, "Unknown link fault 'teleport'");
        assertError(send("POST", "/faults", "{\"type\":\"latency\",\"attributes\":{\"latncy\":5}}"), 400,
                "Unknown attribute 'latncy' for fault 'latency'; it takes: jitter, latency");
        assertError(send("POST", "/faults", "{\"type\":\"latency\",\"attributes\":{\"latency\":\"slow\"}}"), 400, "must be a number");
        assertError(send("POST", "/faults", "{\"type\":\"reset\",\"direction\":\"upstream\"}"), 400, "takes no direction");
        assertError(send("POST", "/faults", "{\"type\":\"reset\",\"target\":[\"nobody\"]}"), 400, "No link 'nobody'");
        assertError(send("POST", "/faults", "{\"type\":\"reset\",\"toxicty\":1}"), 400, "Unknown field 'toxicty'");
        assertError(send("DELETE", "/faults/nope", null), 404, "No active fault named 'nope'");
        assertError(send("GET", "/nowhere", null), 404, "No route /nowhere");
        assertError(send("PUT", "/faults", "{}"), 405, "allowed: GET, POST");

        assertThat(send("POST", "/faults", "{\"type\":\"blackhole\",\"name\":\"hole\"}").status()).isEqualTo(201);
        assertError(send("POST", "/faults", "{\"type\":\"latency\",\"name\":\"hole\"}"), 409, "'hole' is already active");
        assertThat(proxy.link().faults()).extracting(LinkFault::name).containsExactly("blackhole");
    }

    @Test
    void apiOnANonLoopbackAddress_isRejected() {
        assertThatThrownBy(() -> StandaloneProxy.start(0, "127.0.0.1", mosquitto.port(), "0.0.0.0", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loopback addresses only");
    }

    @Test
    void proxyCommand_badAddresses_exitWith2() {
        String upstream = "127.0.0.1:" + mosquitto.port();
        assertThat(CloudCutCommand.commandLine().execute("proxy", "--listen", "nowhere", "--upstream", upstream)).isEqualTo(2);
        assertThat(CloudCutCommand.commandLine().execute("proxy", "--listen", "127.0.0.1:70000", "--upstream", upstream)).isEqualTo(2);
        assertThat(CloudCutCommand.commandLine().execute("proxy", "--listen", "10.0.0.1:1883", "--upstream", upstream)).isEqualTo(2);
        assertThat(CloudCutCommand.commandLine().execute("proxy", "--listen", "127.0.0.1:0", "--upstream", upstream,
                "--api", "0.0.0.0:0")).isEqualTo(2);
    }

    /** The active faults of the one link, as /links lists them. */
    private List<JsonObject> linkFaults() throws Exception {
        JsonArray faults = new JsonArray(send("GET", "/links", null).body()).getJsonObject(0).getJsonArray("faults");
        return faults.stream().map(JsonObject.class::cast).toList();
    }

    /** A retained message published through the proxy reaches a subscriber through the proxy. */
    private void assertPasses(String message) throws Exception {
        assertThat(publish(message)).extracting(Run::exitCode).isEqualTo(0);
        Run subscribed = run("mosquitto_sub", "-h", "127.0.0.1", "-p", String.valueOf(proxy.link().port()),
                "-t", TOPIC, "-C", "1", "-W", "15");
        assertThat(subscribed.exitCode()).isZero();
        assertThat(subscribed.output().strip()).isEqualTo(message);
    }

    private Run publish(String message) throws Exception {
        return run("mosquitto_pub", "-h", "127.0.0.1", "-p", String.valueOf(proxy.link().port()),
                "-t", TOPIC, "-m", message, "-r", "-q", "1");
    }

    private static Run run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(command[0] + " finished").isTrue();
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private Answer send(String method, String path, String json) throws Exception {
        return api.send(method, path, json);
    }
}
