package io.cloudcut.bench;

import io.vertx.core.json.JsonObject;

/**
 * One side of the comparison, bare clients or the fleet: how fast its clients connected, how many of
 * their QoS 1 events per real second the broker passed on (to a subscriber beside the cloud's
 * ingest, over a steady window), and what each client cost the process.
 *
 * @param connectSeconds    from the first connect to the last client connected (for the fleet, from deploying its devices)
 * @param heapBytesPerClient heap held after a full collection, per client, over the process before it
 * @param threadsAdded      live threads with the clients up, over the process before them
 * @param cpuPercent        process CPU while the traffic ran, in percent of one core
 * @param connectCpuMillisPerClient process CPU over {@code connectSeconds}, per client: where the connect rate
 *                          is bound by the CPU, what sets it
 * @param connectCompilePercent the JIT compiler threads' CPU over {@code connectSeconds}, in percent of one
 *                          core: CPU the connects did not get, by when the compiler happened to run
 */
record Side(int clients, double connectSeconds, double eventsPerSecond, long heapBytesPerClient, int threadsAdded,
            double cpuPercent, double connectCpuMillisPerClient, double connectCompilePercent) {

    double connectsPerSecond() {
        return connectSeconds <= 0 ? 0 : clients / connectSeconds;
    }

    JsonObject toJson() {
        return new JsonObject().put("clients", clients).put("connectSeconds", connectSeconds)
                .put("connectsPerSecond", connectsPerSecond()).put("eventsPerSecond", eventsPerSecond)
                .put("heapBytesPerClient", heapBytesPerClient).put("threadsAdded", threadsAdded)
                .put("cpuPercent", cpuPercent).put("connectCpuMillisPerClient", connectCpuMillisPerClient)
                .put("connectCompilePercent", connectCompilePercent);
    }
}
