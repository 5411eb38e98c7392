package io.cloudcut.bench;

import io.cloudcut.mqtt.MqttStacks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process at one moment: heap in use after a full collection, live threads (but those a client stack keeps idle
 * for connections to come: a round after another reuses them, and they are no client's), CPU time consumed, and the
 * CPU time of its JIT compiler threads (-1 where the system does not tell).
 */
record ProcessSample(long heapBytes, int threads, long cpuNanos, long compilerCpuNanos, long atNanos) {

    /** Linux counts a thread's CPU time in these (USER_HZ, 100 on every Linux the JDK runs on). */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    /** Collects garbage first, so that heap figures count what is held, not what awaits collection. */
    static ProcessSample afterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        return new ProcessSample(memory.getHeapMemoryUsage().getUsed(), threadsAtWork(), processCpuNanos(),
                compilerThreadsCpuNanos(), System.nanoTime());
    }

    /** Without collecting: for CPU and time, in the middle of a measurement. */
    static ProcessSample now() {
        return new ProcessSample(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                threadsAtWork(), processCpuNanos(), compilerThreadsCpuNanos(), System.nanoTime());
    }

    private static int threadsAtWork() {
        return ManagementFactory.getThreadMXBean().getThreadCount() - MqttStacks.idleClientThreads();
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

    /**
     * The JIT compiler threads' CPU time since {@code earlier} over wall time, in percent of one core; 0
     * where the system does not tell. On two cores a busy compiler takes its share from what is measured
     * beside it. (The JVM's own compilation time is the compilations' elapsed time, which on a busy
     * machine counts the time a compiler waited for a core too.)
     */
    double compilerCpuPercentSince(ProcessSample earlier) {
        double wall = atNanos - earlier.atNanos;
        return wall <= 0 || compilerCpuNanos < 0 || earlier.compilerCpuNanos < 0 ? 0
                : 100.0 * (compilerCpuNanos - earlier.compilerCpuNanos) / wall;
    }

    /** HotSpot names its compiler threads so ({@code C2 CompilerThread0}, cut to 15 characters by Linux). */
    private static long compilerThreadsCpuNanos() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return -1;
        }
        long ticks = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                ticks += compilerTicks(thread);
            }
        } catch (IOException unreadable) {
            return -1;
        }
        return ticks * 1_000_000_000L / CLOCK_TICKS_PER_SECOND;
    }

    private static long compilerTicks(Path thread) {
        try {
            String name = Files.readString(thread.resolve("comm")).strip();
            if (!name.matches("C[12] CompilerThre.*")) {
                return 0;
            }
            String stat = Files.readString(thread.resolve("stat"));
            // After the name in parentheses: state is field 3, utime field 14, stime field 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException ended) {
            return 0; // the thread ended since the directory was listed
        }
    }

    private static long processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean process ? process.getProcessCpuTime() : -1;
    }
}
