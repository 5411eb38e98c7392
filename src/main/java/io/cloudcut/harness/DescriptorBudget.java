package io.cloudcut.harness;

import io.cloudcut.scenario.Scenario;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * Checks before a run that the fleet fits the process's open-file limit (20,000 here, hard). Each
 * device costs five descriptors with the embedded broker: its client socket, its link's listening
 * socket on the proxy, the proxy's two ends of its link, and the broker's end (measured: 5,049
 * descriptors for 1,000 devices); with an external broker the broker's end is elsewhere. On the
 * proxy's shared port (one listening socket for every link) an emulated device costs one less; an
 * external device keeps a port of its own.
 */
final class DescriptorBudget {

    /** Descriptors the JVM, the broker, the cloud services and the phone app need besides the fleet. */
    static final int BASE = 1_000;

    private DescriptorBudget() {
    }

    static int needed(Scenario scenario, boolean embeddedBroker, boolean sharedPort) {
        int external = scenario.external().size();
        return BASE + (scenario.deviceCount() - external) * perDevice(embeddedBroker, sharedPort)
                + external * perDevice(embeddedBroker, false);
    }

    private static int perDevice(boolean embeddedBroker, boolean sharedPort) {
        return 3 + (embeddedBroker ? 1 : 0) + (sharedPort ? 0 : 1);
    }

    /**
     * Whether the links of a fleet in this process share one proxy port: when {@code asked}, or when a
     * port a link would not fit the open-file limit. A port a link otherwise, as it always was.
     */
    static boolean sharedPort(Scenario scenario, boolean embeddedBroker, boolean asked) {
        return sharedPort(scenario, embeddedBroker, asked, limit());
    }

    static boolean sharedPort(Scenario scenario, boolean embeddedBroker, boolean asked, long limit) {
        return asked || limit > 0 && needed(scenario, embeddedBroker, false) > limit;
    }

    /**
     * How many devices a worker of a cluster can host: their sockets and their links' are there, the
     * broker's ends are not; unlimited (as the platform reports no limit) is capped at 100,000.
     */
    static int workerCapacity() {
        long limit = limit();
        return limit <= 0 ? 100_000 : (int) Math.max(0, (limit - BASE) / perDevice(false, false));
    }

    /**
     * @param workers the worker processes the fleet is spread over; 0: every device in this process
     * @throws IllegalArgumentException when the fleet would not fit, saying what would
     */
    static void check(Scenario scenario, boolean embeddedBroker, int workers) {
        check(scenario, embeddedBroker, workers, limit());
    }

    static void check(Scenario scenario, boolean embeddedBroker, int workers, long limit) {
        if (limit <= 0) {
            return;
        }
        int devices = scenario.deviceCount();
        if (workers > 0) {
            int share = (devices + workers - 1) / workers;
            int needed = BASE + (embeddedBroker ? devices : 0);
            if (needed > limit) {
                throw new IllegalArgumentException("the embedded broker's end of " + devices + " devices' connections needs "
                        + "about " + needed + " open files, over this process's limit of " + limit
                        + ": use an external broker (--broker) for a fleet this large");
            }
            if (share > workerCapacity()) {
                throw new IllegalArgumentException(devices + " devices over " + workers + " workers is " + share
                        + " a worker, over the " + workerCapacity() + " a worker holds within an open-file limit of "
                        + limit + " (" + perDevice(false, false) + " a device): use at least "
                        + workersFor(devices) + " workers");
            }
            return;
        }
        int needed = needed(scenario, embeddedBroker, true);
        if (needed > limit) {
            throw new IllegalArgumentException("a fleet of " + devices + " devices needs about " + needed
                    + " open files (" + perDevice(embeddedBroker, true) + " a device on one shared proxy port; "
                    + needed(scenario, embeddedBroker, false) + " with a proxy port a device), over this process's limit of "
                    + limit + "; run at most " + (limit - BASE) / perDevice(embeddedBroker, true) + " devices in one process"
                    + (embeddedBroker ? " (" + (limit - BASE) / perDevice(false, true) + " with an external broker: --broker)" : "")
                    + ", or spread the fleet over " + workersFor(devices) + " or more worker processes "
                    + "(cloudcut worker, and run --workers)");
        }
    }

    private static int workersFor(int devices) {
        return Math.max(1, (devices + workerCapacity() - 1) / Math.max(1, workerCapacity()));
    }

    private static long limit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : -1;
    }
}
