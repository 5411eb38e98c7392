package io.cloudcut.harness;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;

import java.time.Duration;

/**
 * Whether a worker's run still has its coordinator: anything the coordinator sends for the run proves it
 * alive, its clock's heartbeat or any request. The heartbeat alone was not enough: 15 s into the reconnect
 * storm of 18,000 devices on four workers, every worker stopped its devices for want of one while the
 * coordinator was still sending them requests (they reached devices just stopped): it was busy, not gone.
 * Confined to the worker's event loop.
 */
final class CoordinatorWatch {

    /** Hearing nothing at all from the coordinator this long stops the run. */
    static final Duration SILENCE = Duration.ofSeconds(15);

    private final String run;
    private long lastHeardNanos;

    CoordinatorWatch(String run, long nowNanos) {
        this.run = run;
        this.lastHeardNanos = nowNanos;
    }

    /** The clock's heartbeat for this run arrived. */
    void heartbeat(long nowNanos) {
        lastHeardNanos = nowNanos;
    }

    /**
     * A message reached the worker: it is this run's coordinator's when it names the run, as a device's
     * request does in its {@code run} header and an order does in its body.
     */
    void received(MultiMap headers, Object body, long nowNanos) {
        String named = headers.get("run");
        if (named == null && body instanceof JsonObject order) {
            named = order.getString("run");
        }
        if (run.equals(named)) {
            lastHeardNanos = nowNanos;
        }
    }

    /** Whether nothing of this run's coordinator has arrived for {@link #SILENCE}. */
    boolean silent(long nowNanos) {
        return nowNanos - lastHeardNanos > SILENCE.toNanos();
    }
}
