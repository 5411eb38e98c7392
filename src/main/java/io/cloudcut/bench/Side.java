package io.cloudcut.bench;

import io.vertx.core.json.JsonObject;

/**
 * One side of the comparison, bare clients or the fleet: how fast its clients connected, how many of
 * their QoS 1 events per real second the broker passed on (to a subscriber beside the cloud's
 * ingest, over a steady window), and what each client cost the process.
 *
 * @param heapBytesPerClient heap held after a full collection, per client, over the process before it
 * @param threadsAdded      live threads with the clients up, over the process before them
 * @param cpuPercent        process CPU while the traffic ran, in percent of one core
 */
record Side(Connects connects, double eventsPerSecond, long heapBytesPerClient, int threadsAdded, double cpuPercent) {

    int clients() {
        return connects.clients();
    }

    JsonObject toJson() {
        return connects.toJson().put("eventsPerSecond", eventsPerSecond).put("heapBytesPerClient", heapBytesPerClient)
                .put("threadsAdded", threadsAdded).put("cpuPercent", cpuPercent);
    }
}
