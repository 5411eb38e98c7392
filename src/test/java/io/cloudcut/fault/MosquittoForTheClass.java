package io.cloudcut.fault;

import io.cloudcut.testing.Mosquitto;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Tests in front of a real Mosquitto: one broker for the whole class. */
abstract class MosquittoForTheClass {

    static Mosquitto mosquitto;

    @BeforeAll
    static void startBroker() throws Exception {
        mosquitto = Mosquitto.start();
    }

    @AfterAll
    static void stopBroker() {
        // Null if it failed to start: that failure is the one to report.
        if (mosquitto != null) {
            mosquitto.close();
        }
    }
}
