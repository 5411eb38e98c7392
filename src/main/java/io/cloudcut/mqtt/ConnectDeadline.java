package io.cloudcut.mqtt;

import io.vertx.core.Vertx;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How long a connect attempt of an adapter that makes its own attempts (Paho, Vert.x) may go without
 * an outcome: the ack timeout, as HiveMQ's client waits for a CONNACK. Neither client bounds it so:
 * Paho's own connect timeout bounds only the TCP connect, so a CONNECT sent into a link that accepts
 * TCP and then stays silent (a blackhole) would wait for its CONNACK forever, and every later attempt
 * would be refused as "connect in progress": the device would never come back, even once the link
 * is restored.
 * <p>
 * Past the deadline the adapter abandons the attempt itself: dropping the connection does not tell
 * the attempt's listener (Paho notifies a pending connect only when the connection fails by itself),
 * so the listener is left behind, and the adapter counts the attempt as failed and retries.
 */
final class ConnectDeadline {

    private final Vertx vertx;
    private final AtomicBoolean decided = new AtomicBoolean();
    private final long timer;

    /** Starts the deadline for an attempt being made, on the device context, where {@code abandon} then runs; it must not block. */
    ConnectDeadline(Vertx vertx, ConnectionSettings settings, Runnable abandon) {
        this.vertx = vertx;
        this.timer = vertx.setTimer(LibraryTimings.ackTimeoutMillis(settings), fired -> {
            if (decided.compareAndSet(false, true)) {
                abandon.run();
            }
        });
    }

    /**
     * On the attempt's outcome, on any thread: whether it came in time. If not, the attempt was
     * abandoned and its outcome, even a success, must be ignored: its connection is being dropped.
     */
    boolean metInTime() {
        vertx.cancelTimer(timer);
        return decided.compareAndSet(false, true);
    }
}
