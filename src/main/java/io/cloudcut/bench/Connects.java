package io.cloudcut.bench;

import io.vertx.core.json.JsonObject;

import java.util.Comparator;
import java.util.List;

/**
 * How fast a round of clients connected, and what the process's CPU did meanwhile.
 *
 * @param seconds        from the first connect to the last client connected (for the fleet, from deploying its devices)
 * @param cpuMillisEach  process CPU over {@code seconds}, per client: where the connect rate is bound by the CPU,
 *                       what sets it
 * @param compilePercent the JIT compiler threads' CPU over {@code seconds}, in percent of one core: CPU the
 *                       connects did not get, by when the compiler happened to run
 */
record Connects(int clients, double seconds, double cpuMillisEach, double compilePercent) {

    /** The round's figures from samples taken before its first connect and right after its last. */
    static Connects between(ProcessSample before, ProcessSample connected, int clients, double seconds) {
        return new Connects(clients, seconds, connected.cpuMillisEachSince(before, clients),
                connected.compilerCpuPercentSince(before));
    }

    /** The round of the median rate: with an even number of rounds, the slower of the middle two. */
    static Connects median(List<Connects> rounds) {
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("no connect round to take the median of");
        }
        List<Connects> byRate = rounds.stream().sorted(Comparator.comparingDouble(Connects::perSecond)).toList();
        return byRate.get((byRate.size() - 1) / 2);
    }

    double perSecond() {
        return seconds <= 0 ? 0 : clients / seconds;
    }

    JsonObject toJson() {
        return new JsonObject().put("clients", clients).put("connectSeconds", seconds).put("connectsPerSecond", perSecond())
                .put("connectCpuMillisPerClient", cpuMillisEach).put("connectCompilePercent", compilePercent);
    }
}
