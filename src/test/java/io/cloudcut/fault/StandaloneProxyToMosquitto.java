package io.cloudcut.fault;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Tests of the stand-alone proxy in front of a real Mosquitto: one broker for the class, a fresh proxy and API client per test. */
abstract class StandaloneProxyToMosquitto extends MosquittoForTheClass {

    StandaloneProxy proxy;
    FaultApiClient api;

    @BeforeEach
    void startProxy() throws Exception {
        proxy = StandaloneProxy.start(0, "127.0.0.1", mosquitto.port(), "127.0.0.1", 0);
        api = new FaultApiClient(proxy.apiPort());
    }

    @AfterEach
    void stopProxy() throws Exception {
        proxy.close();
    }
}
