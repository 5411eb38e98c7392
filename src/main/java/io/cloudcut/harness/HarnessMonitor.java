package io.cloudcut.harness;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.json.JsonObject;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The harness's own figures, measured apart from what it measures: how late each event loop runs a
 * task (a sampler on every loop; a loop busy with the fleet runs it late, and so it runs probes and
 * firmware deadlines late), how late probes start against their plan, and the process's CPU.
 */
final class HarnessMonitor {

    private static final long SAMPLE_MILLIS = 20;
    private static final long SAMPLE_NANOS = SAMPLE_MILLIS * 1_000_000;

    private final Vertx vertx;
    private final Series lag = new Series();
    private final Series probeDelay = new Series();
    private final Series cpu = new Series();
    private final long cpuSampler;
    private final List<ScheduledFuture<?>> samplers = new ArrayList<>();

    private HarnessMonitor(Vertx vertx) {
        this.vertx = vertx;
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        // A tenth of a percent per unit: the series holds whole numbers.
        cpuSampler = vertx.setPeriodic(500, tick -> {
            double load = os.getProcessCpuLoad();
            if (load >= 0) {
                cpu.add(Math.round(load * 1000));
            }
        });
    }

    /**
     * Starts a lag sampler on every event loop of {@code vertx}: each loop itself, not a context
     * that might share one, so that a busy loop cannot hide.
     */
    static HarnessMonitor start(Vertx vertx) {
        HarnessMonitor monitor = new HarnessMonitor(vertx);
        for (EventExecutor loop : ((VertxInternal) vertx).nettyEventLoopGroup()) {
            monitor.samplers.add(sample(loop, monitor.lag));
        }
        return monitor;
    }

    /** Every {@value #SAMPLE_MILLIS} ms after the previous run, records how much later than that it ran. */
    private static ScheduledFuture<?> sample(EventExecutor loop, Series lag) {
        long[] expected = {System.nanoTime() + SAMPLE_NANOS};
        return loop.scheduleWithFixedDelay(() -> {
            long now = System.nanoTime();
            lag.add(Math.max(0, now - expected[0]));
            expected[0] = now + SAMPLE_NANOS;
        }, SAMPLE_MILLIS, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
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
        return new Figures(percentileMillis(lags, 50), percentileMillis(lags, 99), percentileMillis(delays, 50),
                percentileMillis(delays, 99), loads.length == 0 ? 0 : Arrays.stream(loads).average().orElse(0) / 10);
    }

    void stop() {
        vertx.cancelTimer(cpuSampler);
        samplers.forEach(sampler -> sampler.cancel(false));
    }

    /** Lag and delay percentiles in milliseconds; CPU in percent of the whole machine (all cores), as the JVM reports it. */
    record Figures(long lagP50Millis, long lagP99Millis, long probeDelayP50Millis, long probeDelayP99Millis,
                   double cpuPercent) {

        /**
         * This process's figures with those of the other processes hosting devices: the worst lag of any
         * (a late loop is late for the devices on it), probe delays from here (probes start here), and
         * the CPU of all of them, as they share the machine.
         */
        Figures withOthers(List<Figures> others) {
            return new Figures(Math.max(lagP50Millis, others.stream().mapToLong(Figures::lagP50Millis).max().orElse(0)),
                    Math.max(lagP99Millis, others.stream().mapToLong(Figures::lagP99Millis).max().orElse(0)),
                    probeDelayP50Millis, probeDelayP99Millis,
                    cpuPercent + others.stream().mapToDouble(Figures::cpuPercent).sum());
        }

        JsonObject toJson() {
            return new JsonObject().put("lagP50Millis", lagP50Millis).put("lagP99Millis", lagP99Millis)
                    .put("probeDelayP50Millis", probeDelayP50Millis).put("probeDelayP99Millis", probeDelayP99Millis)
                    .put("cpuPercent", cpuPercent);
        }

        static Figures fromJson(JsonObject json) {
            return new Figures(json.getLong("lagP50Millis"), json.getLong("lagP99Millis"),
                    json.getLong("probeDelayP50Millis"), json.getLong("probeDelayP99Millis"), json.getDouble("cpuPercent"));
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
