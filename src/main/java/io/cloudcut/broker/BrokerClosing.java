package io.cloudcut.broker;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Closes brokers on threads of their own, for whoever needs nothing more from one: an embedded HiveMQ
 * CE takes about 3.6 s to close (Netty's 2 s quiet period is hard-coded in its shutdown), and a run's
 * result is complete before then. The next broker of the same JVM starts meanwhile on a port of its
 * own. The process does not end before they are closed, threads and temporary folders: the closing
 * threads are not daemons, and a shutdown hook (System.exit) waits for them, at most {@link #LIMIT}.
 */
public final class BrokerClosing {

    /** HiveMQ's own bound on its stop is 60 s ({@link EmbeddedBroker}); the hook waits as long. */
    public static final Duration LIMIT = Duration.ofSeconds(60);

    private static final Set<Thread> CLOSING = ConcurrentHashMap.newKeySet();

    static {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(BrokerClosing::awaitAllQuietly, "cloudcut-broker-closing-awaited"));
        } catch (IllegalStateException shuttingDown) {
            // First used by a hook of a process already ending (Ctrl-C before any broker was held): that hook waits.
        }
    }

    private BrokerClosing() {
    }

    /** {@code broker}, closed in the background when the try-with-resources block that holds it ends. */
    public static Held hold(Broker broker) {
        return new Held(broker);
    }

    /** A broker that a try-with-resources block holds; see {@link #hold}. */
    public record Held(Broker broker) implements AutoCloseable {
        @Override
        public void close() {
            inBackground(broker);
        }
    }

    /** Starts closing {@code broker} and returns at once. */
    public static void inBackground(Broker broker) {
        Thread closing = new Thread(() -> {
            try {
                broker.close();
            } finally {
                CLOSING.remove(Thread.currentThread());
            }
        }, "cloudcut-broker-closing");
        closing.setDaemon(false);
        CLOSING.add(closing);
        closing.start();
    }

    /** Waits until every broker handed to {@link #inBackground} so far is closed, at most {@code limit} in all. */
    public static void awaitAll(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        for (Thread closing : List.copyOf(CLOSING)) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return;
            }
            closing.join(left);
        }
    }

    /** For a hook that must end the process whatever happens: interrupted, it stops waiting. */
    public static void awaitAllQuietly() {
        try {
            awaitAll(LIMIT);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
