package io.cloudcut.harness;

import io.cloudcut.scenario.Scenario;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * Checks before a run that the fleet fits the process's open-file limit (20,000 here, hard). Each
 * device costs five descriptors with the embedded broker: its client socket, its link's listening
 * socket on the proxy, the proxy's two ends of its link, and the broker's end (measured: 5,049
 * descriptors for 1,000 devices); with an external broker the broker's end is elsewhere.
 */
final class DescriptorBudget {

    /** Descriptors the JVM, the broker, the cloud services and the phone app need besides the fleet. */
    static final int BASE = 1_000;

    private DescriptorBudget() {
    }

    static int needed(Scenario scenario, boolean embeddedBroker) {
        return BASE + scenario.deviceCount() * perDevice(embeddedBroker);
    }

    private static int perDevice(boolean embeddedBroker) {
        return embeddedBroker ? 5 : 4;
    }

    /** @throws IllegalArgumentException when the fleet would not fit, saying what would */
    static void check(Scenario scenario, boolean embeddedBroker) {
        long limit = limit();
        int needed = needed(scenario, embeddedBroker);
        if (limit > 0 && needed > limit) {
            throw new IllegalArgumentException("a fleet of " + scenario.deviceCount() + " devices needs about " + needed
                    + " open files, over this process's limit of " + limit + "; run at most "
                    + (limit - BASE) / perDevice(embeddedBroker) + " devices in one process"
                    + (embeddedBroker ? " (" + (limit - BASE) / perDevice(false) + " with an external broker: --broker)" : "")
                    + ", and split a larger fleet over several runs");
        }
    }

    private static long limit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : -1;
    }
}
