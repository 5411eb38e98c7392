package io.cloudcut.fault;

import io.cloudcut.testing.Mosquitto;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** Tests of a link in front of a real Mosquitto: one broker for the class, a fresh proxy and link per test. */
abstract class LinkToMosquitto {

    static Mosquitto mosquitto;

    FaultProxy proxy;
    Link link;

    @BeforeAll
    static void startBroker() throws Exception {
        mosquitto = Mosquitto.start();
    }

    @AfterAll
    static void stopBroker() {
        mosquitto.close();
    }

    @BeforeEach
    void openLink() {
        proxy = FaultProxy.create("127.0.0.1", mosquitto.port());
        link = proxy.openLink("device-1");
    }

    @AfterEach
    void closeProxy() {
        proxy.close();
    }
}
