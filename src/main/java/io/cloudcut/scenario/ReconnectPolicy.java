package io.cloudcut.scenario;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When firmware tries to reconnect after losing its connection (scenario time): an exponential
 * backoff from {@code initialDelay} by {@code multiplier} up to {@code maxDelay} (a multiplier of 1
 * is a fixed delay), randomised by {@code jitter}, giving up after {@code giveUpAfter} attempts
 * (0 = never).
 */
public record ReconnectPolicy(Duration initialDelay, Double multiplier, Duration maxDelay, Jitter jitter,
                              Integer giveUpAfter) {

    public ReconnectPolicy {
        initialDelay = Checks.orDefault(initialDelay, Duration.ofSeconds(5));
        multiplier = Checks.orDefault(multiplier, 2.0);
        maxDelay = Checks.orDefault(maxDelay, Duration.ofMinutes(5));
        jitter = Checks.orDefault(jitter, Jitter.NONE);
        giveUpAfter = Checks.orDefault(giveUpAfter, 0);
        Checks.check(multiplier >= 1.0, "multiplier must be at least 1");
        Checks.check(maxDelay.compareTo(initialDelay) >= 0, "maxDelay must not be shorter than initialDelay");
        Checks.check(giveUpAfter >= 0, "giveUpAfter must be 0 (never) or more");
    }

    static ReconnectPolicy defaults() {
        return new ReconnectPolicy(null, null, null, null, null);
    }

    /**
     * The delay before reconnect attempt {@code attempt} (1 for the first retry), given the delay
     * used before the previous one (for decorrelated jitter).
     */
    public Duration delay(int attempt, Duration previous, RandomGenerator random) {
        double base = Math.min(maxDelay.toNanos(),
                initialDelay.toNanos() * Math.pow(multiplier, Math.max(0, attempt - 1)));
        double nanos = switch (jitter) {
            case NONE -> base;
            case FULL -> random.nextDouble() * base;
            case EQUAL -> base / 2 + random.nextDouble() * base / 2;
            case DECORRELATED -> Math.min(maxDelay.toNanos(), initialDelay.toNanos()
                    + random.nextDouble() * Math.max(0, previous.toNanos() * 3.0 - initialDelay.toNanos()));
        };
        return Duration.ofNanos((long) nanos);
    }

    public boolean givesUpAfter(int attempts) {
        return giveUpAfter > 0 && attempts >= giveUpAfter;
    }
}
