package io.cloudcut.harness;

import io.cloudcut.mqtt.ConnectTimeOuts;
import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.Observation;
import io.cloudcut.observation.SessionObserved;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.function.Supplier;

/**
 * Starts a fleet a window at a time: at most {@link #WIDTH} devices are starting at once, and the next
 * starts as soon as one is connected and signed in. Started all at once, thousands of devices are a
 * herd the broker acknowledges late: at 4,500 devices nearly every one gave up on a PUBACK that took
 * longer than its time-out and dropped, before the baseline began. A device that takes longer than
 * {@link #PATIENCE} gives up its place without being waited for, so that one that cannot connect
 * does not hold the others back; the fleet's readiness still waits for it.
 *
 * <p>The window narrows where connects cost more than the broker or the machine answers in time, as a
 * TCP sender's does: a device whose connect ran out of time ({@link ConnectTimeOuts}) halves it, once
 * for the devices admitted before; each device that connected and signed in widens it again by one over
 * its width, up to the width it began with. A hundred TLS connects at once took longer than the devices' 1 s
 * deadline on two cores; every device gave up, retried after its backoff, and 400 devices took 21-28 s
 * to start instead of a few.
 */
final class StartWindow {

    /** As many connects under way as the bench's bare clients keep, so that their connect rates compare. */
    static final int WIDTH = 100;
    static final Duration PATIENCE = Duration.ofSeconds(5);

    private final Vertx vertx;
    private final int widest;
    private final Duration patience;
    /** How many may be starting at once now: {@link #widest} until a connect runs out of time. */
    private double width;
    /** Devices admitted so far; those admitted from {@link #narrowedFrom} on started in the narrowed window. */
    private long admittedCount;
    private long narrowedFrom;
    private final Deque<String> waiting = new ArrayDeque<>();
    private final Map<String, Starting> starting = new HashMap<>();
    private final Promise<Void> allStarted = Promise.promise();
    private Map<String, Supplier<Future<?>>> starts;
    private int left;
    private volatile boolean done;

    StartWindow(Vertx vertx) {
        this(vertx, WIDTH, PATIENCE);
    }

    /** A window of {@code width} devices starting at once, each given up on after {@link #PATIENCE}. */
    StartWindow(Vertx vertx, int width) {
        this(vertx, width, PATIENCE);
    }

    /**
     * Each of {@code workers} workers' share of {@link #WIDTH}, so that a fleet spread over them puts as
     * many connects at once on the broker as a fleet in one process: with a window of 100 each, four
     * workers started 400 devices at once, and devices that gave up on their CONNACK connected again
     * until the broker held barely two thirds of 18,000.
     */
    static int widthOnEachOf(int workers) {
        return Math.max(1, WIDTH / workers);
    }

    StartWindow(Vertx vertx, int width, Duration patience) {
        this.vertx = vertx;
        this.widest = width;
        this.width = width;
        this.patience = patience;
    }

    /**
     * Starts each device by its start (device id to what starts it, in the order to start them), a window
     * at a time; completes once every device's start has completed, fails with the first start that
     * failed. Feed the devices' observations to {@link #heard}.
     */
    Future<Void> start(LinkedHashMap<String, Supplier<Future<?>>> starts) {
        List<String> admitted;
        synchronized (this) {
            this.starts = Map.copyOf(starts);
            waiting.addAll(starts.keySet());
            left = starts.size();
            admitted = admit();
        }
        if (starts.isEmpty()) {
            finish();
        }
        launch(admitted);
        return allStarted.future();
    }

    /** What a device observed: its first connection with a session frees its place. Any thread. */
    void heard(Observation observation) {
        if (done) {
            return;
        }
        String device;
        if (observation instanceof ConnectionObserved connection) {
            device = connection.device();
        } else if (observation instanceof SessionObserved session) {
            device = session.device();
        } else {
            return;
        }
        List<String> admitted;
        synchronized (this) {
            Starting one = starting.get(device);
            if (one == null) {
                return;
            }
            if (observation instanceof ConnectionObserved connection) {
                one.connected = connection.change() == ConnectionObserved.Change.UP;
                if (ConnectTimeOuts.ranOut(connection.cause())) {
                    narrowFor(one);
                }
            } else if (SessionObserved.Change.ACQUIRED.equals(((SessionObserved) observation).change())) {
                one.signedIn = true;
            }
            if (!one.connected || !one.signedIn) {
                return;
            }
            width = Math.min(widest, width + 1 / width);
            admitted = free(device);
        }
        launch(admitted);
    }

    /** Halves the window for a device whose connect ran out of time, unless it was admitted before the window last narrowed. */
    private void narrowFor(Starting late) {
        if (late.admittedAs >= narrowedFrom) {
            width = Math.max(1, width / 2);
            narrowedFrom = admittedCount;
        }
    }

    /** Whether every device has started: nothing more to hear. */
    boolean done() {
        return done;
    }

    private List<String> free(String device) {
        Starting freed = starting.remove(device);
        if (freed != null) {
            vertx.cancelTimer(freed.patienceTimer);
        }
        return admit();
    }

    /** Takes devices off the waiting list while the window has room; the caller launches them outside the lock. */
    private List<String> admit() {
        List<String> admitted = new ArrayList<>();
        while (starting.size() < (int) width && !waiting.isEmpty()) {
            String device = waiting.poll();
            Starting one = new Starting(admittedCount++);
            starting.put(device, one);
            one.patienceTimer = vertx.setTimer(patience.toMillis(), late -> {
                List<String> next;
                synchronized (this) {
                    next = starting.get(device) == one ? free(device) : List.of();
                }
                launch(next);
            });
            admitted.add(device);
        }
        return admitted;
    }

    private void launch(List<String> devices) {
        for (String device : devices) {
            starts.get(device).get().onComplete(started -> {
                if (started.failed()) {
                    allStarted.tryFail(started.cause());
                    return;
                }
                boolean last;
                synchronized (this) {
                    last = --left == 0;
                }
                if (last) {
                    finish();
                }
            });
        }
    }

    private void finish() {
        done = true;
        synchronized (this) {
            starting.values().forEach(one -> vertx.cancelTimer(one.patienceTimer));
            starting.clear();
        }
        allStarted.tryComplete();
    }

    private static final class Starting {
        final long admittedAs;
        boolean connected;
        boolean signedIn;
        long patienceTimer;

        Starting(long admittedAs) {
            this.admittedAs = admittedAs;
        }
    }
}
