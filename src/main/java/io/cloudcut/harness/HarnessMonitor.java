package io.cloudcut.harness;

import io.cloudcut.scenario.ScenarioClock;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.json.JsonObject;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The harness's own figures, measured apart from what it measures: how late each event loop runs a
 * task (a sampler on every loop, Vert.x's and the fault proxy's; a loop busy with the fleet runs it late,
 * and so it runs probes and firmware deadlines late, or carries the devices' packets late), how late
 * probes start against their plan, the process's CPU, and its
 * open files against its limit (a process at its limit refuses connections itself, which would read
 * as the devices' or the broker's doing).
 */
final class HarnessMonitor {

    private static final long SAMPLE_MILLIS = 20;
    private static final long SAMPLE_NANOS = SAMPLE_MILLIS * 1_000_000;

    private final Vertx vertx;
    /** Null: no clock waits for the loops watched. */
    private final ScenarioClock clock;
    private final Series lag = new Series();
    private final Stalls stalls = new Stalls();
    private final Series probeDelay = new Series();
    private final Series cpu = new Series();
    private final Series openFiles = new Series();
    private final long openFilesLimit;
    /** The process's CPU and open files: reading either walks the process's threads or files, not on an event loop. */
    private final ScheduledExecutorService processSampler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread sampler = new Thread(task, "cloudcut-process-sampler");
        sampler.setDaemon(true);
        return sampler;
    });
    private final List<ScheduledFuture<?>> samplers = new ArrayList<>();
    private final List<ScenarioClock.Heartbeat> hearts = new ArrayList<>();

    private HarnessMonitor(Vertx vertx, ScenarioClock clock) {
        this.vertx = vertx;
        this.clock = clock;
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        // A tenth of a percent per unit: the series holds whole numbers. Not on an event loop: with 5,577 threads Paho had
        // left waiting in a 1,000-device run, 7 of the 13 stalls of 2-5 s the loops had caught one reading it.
        processSampler.scheduleWithFixedDelay(() -> {
            double load = os.getProcessCpuLoad();
            if (load >= 0) {
                cpu.add(Math.round(load * 1000));
            }
        }, 500, 500, TimeUnit.MILLISECONDS);
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            openFilesLimit = unix.getMaxFileDescriptorCount();
            processSampler.scheduleWithFixedDelay(() -> openFiles.add(unix.getOpenFileDescriptorCount()),
                    0, 500, TimeUnit.MILLISECONDS);
        } else {
            openFilesLimit = 0;
        }
    }

    /**
     * Starts a lag sampler on every event loop of {@code vertx}: each loop itself, not a context
     * that might share one, so that a busy loop cannot hide.
     */
    static HarnessMonitor start(Vertx vertx) {
        return start(vertx, null);
    }

    /**
     * As {@link #start(Vertx)}, and each sampler is also a {@link ScenarioClock#heartbeat heartbeat} of
     * {@code clock} (unless null): scenario time stands still while a loop is stalled.
     */
    static HarnessMonitor start(Vertx vertx, ScenarioClock clock) {
        HarnessMonitor monitor = new HarnessMonitor(vertx, clock);
        monitor.watch(((VertxInternal) vertx).nettyEventLoopGroup());
        return monitor;
    }

    /**
     * Watches {@code loops} as it watches Vert.x's, until they shut down: the fault proxy's loops carry every device's
     * packets, so a stall of theirs holds the clock too, and a device that misses an acknowledgement then lost it to the
     * harness. Unwatched, they stalled unseen: in a 1,000-device run whose Vert.x loops were healthy, the proxy's ran
     * their timers up to 343 ms late.
     */
    synchronized void watch(Iterable<EventExecutor> loops) {
        for (EventExecutor loop : loops) {
            ScenarioClock.Heartbeat heart = clock == null ? null : clock.heartbeat();
            Stalls.Loop watched = stalls.watch(System.nanoTime() + SAMPLE_NANOS);
            // A loop shut down beats no more, and must neither hold the clock still nor read as stalled for ever.
            loop.terminationFuture().addListener(terminated -> stalls.forget(watched));
            if (heart != null) {
                hearts.add(heart);
                loop.terminationFuture().addListener(terminated -> heart.stop());
            }
            samplers.add(sample(loop, heart, watched));
        }
    }

    /** Every {@value #SAMPLE_MILLIS} ms after the previous run, records how much later than that it ran. */
    private ScheduledFuture<?> sample(EventExecutor loop, ScenarioClock.Heartbeat heart, Stalls.Loop watched) {
        return loop.scheduleWithFixedDelay(() -> {
            lag.add(Math.max(0, stalls.ran(watched, SAMPLE_NANOS)));
            if (heart != null) {
                heart.beat();
            }
        }, SAMPLE_MILLIS, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * How long, between the two real instants ({@link System#nanoTime()}), the event loop watched that stalled longest there
     * was stalled: the part of a probe's latency in that stretch that was the harness's ({@link Stalls}).
     */
    long stalledMillis(long fromNanos, long toNanos) {
        return stalls.millisBetween(fromNanos, toNanos);
    }

    /** A probe started this late against its planned moment (real nanoseconds). */
    void probeStartedLate(long nanos) {
        probeDelay.add(Math.max(0, nanos));
    }

    /** The figures over the stretch from real instant {@code fromNanos} ({@link System#nanoTime()}) to now. */
    Figures since(long fromNanos) {
        long[] lags = lag.since(fromNanos);
        long[] delays = probeDelay.since(fromNanos);
        long[] loads = cpu.since(fromNanos);
        long[] files = openFiles.since(fromNanos);
        return new Figures(percentileMillis(lags, 50), percentileMillis(lags, 99), percentileMillis(lags, 100),
                percentileMillis(delays, 50), percentileMillis(delays, 99), loads.length == 0 ? 0 : Arrays.stream(loads).average().orElse(0) / 10,
                files.length == 0 ? 0 : files[files.length - 1], openFilesLimit);
    }

    synchronized void stop() {
        processSampler.shutdownNow();
        samplers.forEach(sampler -> sampler.cancel(false));
        stalls.forgetAll();
        hearts.forEach(ScenarioClock.Heartbeat::stop);
    }

    /**
     * Lag and delay percentiles in milliseconds, and the longest lag of any loop (a stall too short to
     * move the p99, yet long enough to slow every probe in flight through it); CPU in percent of the
     * whole machine (all cores), as the JVM reports it; the most files the process had open at once,
     * and its limit (0: not known).
     */
    record Figures(long lagP50Millis, long lagP99Millis, long lagMaxMillis, long probeDelayP50Millis,
                   long probeDelayP99Millis, double cpuPercent, long peakOpenFiles, long openFilesLimit) {

        Figures(long lagP50Millis, long lagP99Millis, long probeDelayP50Millis, long probeDelayP99Millis, double cpuPercent) {
            this(lagP50Millis, lagP99Millis, lagP99Millis, probeDelayP50Millis, probeDelayP99Millis, cpuPercent, 0, 0);
        }

        /** How near the process came to its open-file limit, from 0 to 1 (0 when the limit is not known). */
        double openFilesShare() {
            return openFilesLimit <= 0 ? 0 : (double) peakOpenFiles / openFilesLimit;
        }

        /**
         * This process's figures with those of the other processes hosting devices: the worst lag of any
         * (a late loop is late for the devices on it), probe delays from here (probes start here), the
         * CPU of all of them, as they share the machine, and the open files of the one nearest its limit.
         */
        Figures withOthers(List<Figures> others) {
            Figures nearestItsLimit = others.stream().filter(other -> other.openFilesShare() > openFilesShare())
                    .max(Comparator.comparingDouble(Figures::openFilesShare)).orElse(this);
            return new Figures(Math.max(lagP50Millis, others.stream().mapToLong(Figures::lagP50Millis).max().orElse(0)),
                    Math.max(lagP99Millis, others.stream().mapToLong(Figures::lagP99Millis).max().orElse(0)),
                    Math.max(lagMaxMillis, others.stream().mapToLong(Figures::lagMaxMillis).max().orElse(0)),
                    probeDelayP50Millis, probeDelayP99Millis,
                    cpuPercent + others.stream().mapToDouble(Figures::cpuPercent).sum(),
                    nearestItsLimit.peakOpenFiles, nearestItsLimit.openFilesLimit);
        }

        JsonObject toJson() {
            return new JsonObject().put("lagP50Millis", lagP50Millis).put("lagP99Millis", lagP99Millis)
                    .put("lagMaxMillis", lagMaxMillis)
                    .put("probeDelayP50Millis", probeDelayP50Millis).put("probeDelayP99Millis", probeDelayP99Millis)
                    .put("cpuPercent", cpuPercent).put("peakOpenFiles", peakOpenFiles).put("openFilesLimit", openFilesLimit);
        }

        static Figures fromJson(JsonObject json) {
            return new Figures(json.getLong("lagP50Millis"), json.getLong("lagP99Millis"), json.getLong("lagMaxMillis"),
                    json.getLong("probeDelayP50Millis"), json.getLong("probeDelayP99Millis"), json.getDouble("cpuPercent"),
                    json.getLong("peakOpenFiles", 0L), json.getLong("openFilesLimit", 0L));
        }
    }

    private static long percentileMillis(long[] sortedNanos, int percent) {
        if (sortedNanos.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(0, rank - 1)] / 1_000_000;
    }

    /** Values with the real instant they were taken, appended from any thread. */
    private static final class Series {
        private long[] at = new long[1024];
        private long[] values = new long[1024];
        private int size;

        synchronized void add(long value) {
            if (size == at.length) {
                at = Arrays.copyOf(at, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            at[size] = System.nanoTime();
            values[size++] = value;
        }

        /** The values taken from {@code fromNanos} on, sorted. */
        synchronized long[] since(long fromNanos) {
            int first = 0;
            while (first < size && at[first] - fromNanos < 0) {
                first++;
            }
            long[] chosen = Arrays.copyOfRange(values, first, size);
            Arrays.sort(chosen);
            return chosen;
        }
    }
}
