package io.cloudcut.broker;

import io.cloudcut.testing.Mosquitto;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExternalBrokerTest {

    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        Mqtt311Probe.await(vertx.close());
    }

    @Test
    void aReachableMosquittoServesClientsAndIsLeftRunningOnClose() throws Exception {
        try (Mosquitto mosquitto = Mosquitto.start()) {
            Broker broker = Brokers.start(BrokerSettings.external(mosquitto.uri()));
            assertThat(broker.endpoint()).isEqualTo(new BrokerEndpoint("127.0.0.1", mosquitto.port()));
            assertThat(broker.description()).isEqualTo("external broker at " + mosquitto.uri());
            assertThat(broker.lifecycle()).as("not CloudCut's to stop").isEmpty();
            assertThat(broker.sharedSubscriptionLoss()).as("Mosquitto hands a shared subscription's messages round").isEmpty();
            assertThat(Mqtt311Probe.roundTrip(vertx, broker.endpoint())).startsWith("hello from probe-");

            broker.close();

            assertThat(Mqtt311Probe.roundTrip(vertx, broker.endpoint())).startsWith("hello from probe-");
        }
    }

    @Test
    void anUnreachableBrokerIsReportedWithItsUri() throws Exception {
        int port = LoopbackPorts.freePort(InetAddress.getLoopbackAddress()); // nothing listens there
        String uri = "tcp://127.0.0.1:" + port;
        assertThatThrownBy(() -> Brokers.start(BrokerSettings.external(uri)))
                .isInstanceOf(BrokerException.class)
                .hasMessageStartingWith("cannot reach external broker at " + uri + ": ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://127.0.0.1:1883   | scheme must be tcp or mqtts, found http",
            "127.0.0.1:1883          | expected tcp://HOST:PORT",
            "tcp://                  | invalid external broker URI 'tcp://'",
            "tcp://127.0.0.1:99999   | port 99999 is out of range",
            "tcp://127.0.0.1:1883/x  | only host and port are allowed",
            "tcp://a b:1883          | invalid external broker URI 'tcp://a b:1883'",
    })
    void aMalformedUriIsRejectedWithAClearMessage(String uri, String expected) {
        assertThatThrownBy(() -> Brokers.start(BrokerSettings.external(uri)))
                .isInstanceOf(BrokerException.class)
                .hasMessageContaining(expected)
                .hasMessageContaining("expected tcp://HOST:PORT");
    }

    @Test
    void aMissingPortMeansTheMqttDefault() throws Exception {
        assertThat(ExternalBroker.parse("tcp://localhost")).isEqualTo(new BrokerEndpoint("localhost", 1883));
        assertThat(ExternalBroker.parse("tcp://[::1]:1884").uri()).isEqualTo("tcp://[::1]:1884");
    }

    @Test
    void anMqttsUriIsATlsListener_onPort8883UnlessGiven() throws Exception {
        assertThat(ExternalBroker.parse("mqtts://localhost")).isEqualTo(new BrokerEndpoint("localhost", 8883));
        assertThat(ExternalBroker.parse("ssl://127.0.0.1:8884")).isEqualTo(new BrokerEndpoint("127.0.0.1", 8884));
        assertThat(Brokers.overTls("mqtts://localhost")).isTrue();
        assertThat(Brokers.overTls("SSL://localhost")).isTrue();
        assertThat(Brokers.overTls("tcp://localhost")).isFalse();
        assertThat(Brokers.overTls("tcp://a b:1")).as("malformed: parse says why").isFalse();
    }

    @Test
    void onlyTheRunTakesAnMqttsBroker_theOthersSpeakPlainTcp() {
        assertThatThrownBy(() -> Brokers.start(BrokerSettings.external("mqtts://127.0.0.1:8883")))
                .isInstanceOf(BrokerException.class)
                .hasMessageContaining("is for run (with --broker-ca)");
        assertThatThrownBy(() -> Brokers.endpoint("mqtts://127.0.0.1:8883"))
                .isInstanceOf(BrokerException.class)
                .hasMessageContaining("give it a tcp:// listener");
    }

    @Test
    void aPortOverrideWithAnExternalUriIsRefused() {
        assertThatThrownBy(() -> new BrokerSettings("tcp://127.0.0.1:1883", 1884, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only to the embedded broker");
    }
}
