package io.cloudcut.device;

import io.cloudcut.observation.SessionObserved;
import io.cloudcut.scenario.FunctionSpec;
import io.cloudcut.scenario.OnSessionLoss;
import io.cloudcut.scenario.SessionPolicy;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A device's cloud session: the token from auth, renewed while the cloud answers, expiring on the
 * scenario clock when it does not; and the firmware's policy for functions once it has expired.
 */
final class CloudSession {


    private final DeviceContext device;
    private final SessionPolicy policy;
    private final Runnable requestToken;
    private final Consumer<String> changed;

    private long expiresAtMillis = -1;
    private long expiredAtMillis = -1;
    private long expiryTimer = -1;
    private long lockTimer = -1;

    CloudSession(DeviceContext device, SessionPolicy policy, Runnable requestToken, Consumer<String> changed) {
        this.device = device;
        this.policy = policy;
        this.requestToken = requestToken;
        this.changed = changed;
    }

    /**
     * Starts renewing: checks a quarter of the TTL apart, each renewing a token past half its life, so that
     * one is renewed with at least a quarter of its life left.
     */
    void start() {
        device.setPeriodic(policy.tokenTtl().dividedBy(4), () -> {
            if (remainingMillis() < policy.tokenTtl().toMillis() / 2) {
                requestToken.run();
            }
        });
    }

    void connected() {
        requestToken.run();
    }

    void tokenReceived(long newExpiry) {
        boolean wasValid = valid();
        if (newExpiry <= now()) {
            return;
        }
        expiresAtMillis = newExpiry;
        expiredAtMillis = -1;
        device.cancelTimer(expiryTimer);
        device.cancelTimer(lockTimer);
        expiryTimer = device.setTimer(Duration.ofMillis(newExpiry - now()), this::checkExpiry);
        changed.accept(wasValid ? SessionObserved.RENEWED : SessionObserved.ACQUIRED);
    }

    boolean valid() {
        return expiresAtMillis > now();
    }

    /** Why the policy refuses a function now, if it does. */
    Optional<String> refusal(FunctionSpec function) {
        if (valid()) {
            return Optional.empty();
        }
        return switch (policy.onLoss()) {
            case KEEP_LOCAL, FACTORY_SETTINGS -> Optional.empty();
            case LOCK_ALL -> Optional.of("locked: no valid cloud session");
            case GRACE -> function.isLocal() && withinGrace() ? Optional.empty()
                    : Optional.of("locked: no cloud session and grace period over");
        };
    }

    private boolean withinGrace() {
        return expiredAtMillis >= 0 && now() < expiredAtMillis + policy.grace().toMillis();
    }

    /** Deadlines on the scenario clock never run before their moment, so the token has expired now. */
    private void checkExpiry() {
        expiredAtMillis = now();
        changed.accept(SessionObserved.EXPIRED);
        if (policy.onLoss() == OnSessionLoss.GRACE) {
            lockTimer = device.setTimer(policy.grace(), () -> {
                if (!valid()) {
                    changed.accept(SessionObserved.LOCKED);
                }
            });
        }
    }

    private long remainingMillis() {
        return Math.max(0, expiresAtMillis - now());
    }

    private long now() {
        return device.clock().now().toMillis();
    }
}
