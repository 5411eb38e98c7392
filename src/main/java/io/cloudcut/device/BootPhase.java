package io.cloudcut.device;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Where in each period a device's periodic work falls (its status reports; how early in a token's
 * life it renews its session): at a fraction of the period fixed by the device's id. A real fleet
 * was not switched on in the same second, but the harness starts its devices together before the
 * scenario clock runs, and with every period starting then, 18,000 devices renewed their sessions
 * within 3 min of scenario time and sent their status reports in the same minutes: a burst on the
 * emulated cloud that no fleet in the field sends, which put the ingest service 5.8 s behind. The
 * same id gives the same phase, so a run repeats.
 */
final class BootPhase {

    private BootPhase() {
    }

    /** When the first run of work done every {@code period} is due for {@code deviceId}: within one period, never at once. */
    static Duration firstRun(String deviceId, Duration period) {
        long periodNanos = period.toNanos();
        double fraction = new SplittableRandom(deviceId.hashCode()).nextDouble();
        return Duration.ofNanos(Math.max(1, periodNanos - (long) (periodNanos * fraction)));
    }
}
