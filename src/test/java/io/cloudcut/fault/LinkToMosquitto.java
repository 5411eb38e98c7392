package io.cloudcut.fault;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Tests of a link in front of a real Mosquitto: one broker for the class, a fresh proxy and link per test. */
abstract class LinkToMosquitto extends MosquittoForTheClass {

    FaultProxy proxy;
    Link link;

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
