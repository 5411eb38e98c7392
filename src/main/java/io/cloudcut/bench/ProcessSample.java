package io.cloudcut.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.OperatingSystemMXBean;

/** The process at one moment: heap in use after a full collection, live threads, CPU time consumed. */
record ProcessSample(long heapBytes, int threads, long cpuNanos, long atNanos) {

    /** Collects garbage first, so that heap figures count what is held, not what awaits collection. */
    static ProcessSample afterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        return new ProcessSample(memory.getHeapMemoryUsage().getUsed(), ManagementFactory.getThreadMXBean().getThreadCount(),
                processCpuNanos(), System.nanoTime());
    }

    /** Without collecting: for CPU and time, in the middle of a measurement. */
    static ProcessSample now() {
        return new ProcessSample(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                ManagementFactory.getThreadMXBean().getThreadCount(), processCpuNanos(), System.nanoTime());
    }

    double secondsSince(ProcessSample earlier) {
        return (atNanos - earlier.atNanos) / 1e9;
    }

    /** CPU time since {@code earlier}, in milliseconds for each of {@code clients}; 0 where the JVM does not tell. */
    double cpuMillisEachSince(ProcessSample earlier, int clients) {
        return clients <= 0 || cpuNanos < 0 ? 0 : (cpuNanos - earlier.cpuNanos) / 1e6 / clients;
    }

    /** CPU time over wall time since {@code earlier}, in percent of one core. */
    double cpuPercentSince(ProcessSample earlier) {
        double wall = atNanos - earlier.atNanos;
        return wall <= 0 || cpuNanos < 0 ? 0 : 100.0 * (cpuNanos - earlier.cpuNanos) / wall;
    }

    private static long processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean process ? process.getProcessCpuTime() : -1;
    }
}
