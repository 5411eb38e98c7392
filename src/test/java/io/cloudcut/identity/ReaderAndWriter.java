package io.cloudcut.identity;

import io.cloudcut.cloud.CloudTopics;
import io.cloudcut.mqtt.Credentials;

/**
 * A client of the run's that reads {@code filter} with a kept session, and one whose publishes on
 * {@code topic} reach it: what the broker's per-client limits are tested with.
 */
record ReaderAndWriter(String readerId, Credentials reader, String filter, String writerId, Credentials writer,
                       String topic) {

    /** Ingest reading a device's events, as one of the cloud's services. */
    static ReaderAndWriter ingestReading(Identities identities, String device) {
        return new ReaderAndWriter("ingest-reader", identities.cloudService("ingest"), CloudTopics.INGEST_ALL,
                device, identities.device(device), CloudTopics.ingest(device));
    }

    /** The phone app reading what ingest sends the app about a device. */
    static ReaderAndWriter phoneAppReading(Identities identities, String device) {
        return new ReaderAndWriter("phone-app-reader", identities.phoneApp(), CloudTopics.APP_ALL,
                "ingest-writer", identities.cloudService("ingest"), CloudTopics.appStatus(device));
    }

    /** The monitor reading a device's events: an observer, held to a device's limits. */
    static ReaderAndWriter monitorReading(Identities identities, String device) {
        return new ReaderAndWriter("monitor-reader", identities.monitor(), CloudTopics.INGEST_ALL,
                device, identities.device(device), CloudTopics.ingest(device));
    }
}
