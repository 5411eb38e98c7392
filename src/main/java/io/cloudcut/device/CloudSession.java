package io.cloudcut.device;

import io.cloudcut.observation.SessionObserved;
import io.cloudcut.scenario.FunctionSpec;
import io.cloudcut.scenario.OnSessionLoss;
import io.cloudcut.scenario.SessionPolicy;

import java.time.Duration;
import java.util.Optional;

/**
 * A device's cloud session: the token from auth, renewed while the cloud answers, expiring on the
 * scenario clock when it does not; and the firmware's policy for functions once it has expired.
 * An expiry and a lock are told at the moments they took effect, the token's expiry and the grace
 * period's end, which the functions' refusals follow: the timers that tell them may run later on a
 * loaded machine (a CI run's lock timer ran 60 ms of real time, 216 s of scenario time, after the
 * device had begun refusing its chime).
 */
final class CloudSession {

    /** Hears of a change of the session, and the scenario time it took effect. */
    interface Changes {
        void changed(SessionObserved.Change change, long atMillis);
    }

    private final DeviceContext device;
    private final SessionPolicy policy;
    private final Runnable requestToken;
    private final Changes changed;

    private long expiresAtMillis = -1;
    private long expiryTimer = -1;
    private long lockTimer = -1;
    private long renewalTimer = -1;

    CloudSession(DeviceContext device, SessionPolicy policy, Runnable requestToken, Changes changed) {
        this.device = device;
        this.policy = policy;
        this.requestToken = requestToken;
        this.changed = changed;
    }

    /**
     * Starts asking for a token every quarter of the TTL until one comes. Each token is renewed with
     * between three and five eighths of its life left, half on average, as the harness's traffic
     * estimate counts (where in that span is fixed by the device's id, {@link BootPhase}, so that a
     * fleet signed in at once does not renew at once); then asked for again every quarter of the TTL
     * until a new one comes: a request lost gets another chance before the token expires, and a
     * session that lapsed (auth down) comes back at that pace once auth answers. Renewals used to wait
     * for a check past half-life on a fixed beat, which came with as little as a quarter of the life
     * left: 7.5 min of a 30 min token, 125 ms of real time at 3600x, less than a loaded machine's
     * stall, so a session lapsed for the harness's reasons. Three eighths is 190 ms there; half, as
     * every renewal's margin, would have doubled the renewals, most of a fleet's traffic.
     */
    void start() {
        renewAfter(retryEvery());
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
        device.cancelTimer(expiryTimer);
        device.cancelTimer(lockTimer);
        expiryTimer = device.setTimer(Duration.ofMillis(newExpiry - now()), this::checkExpiry);
        Duration leftAtRenewal = policy.tokenTtl().multipliedBy(3).dividedBy(8).plus(BootPhase.firstRun(device.deviceId(), retryEvery()));
        renewAfter(Duration.ofMillis(Math.max(0, newExpiry - now() - leftAtRenewal.toMillis())));
        changed.changed(wasValid ? SessionObserved.Change.RENEWED : SessionObserved.Change.ACQUIRED, now());
    }

    private void renewAfter(Duration delay) {
        device.cancelTimer(renewalTimer);
        renewalTimer = device.setTimer(delay, () -> {
            requestToken.run();
            renewAfter(retryEvery());
        });
    }

    private Duration retryEvery() {
        return policy.tokenTtl().dividedBy(4);
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

    /** Within the grace period after the token expired: from its expiry, whether or not its timer has run yet. */
    private boolean withinGrace() {
        return expiresAtMillis >= 0 && now() < locksAtMillis();
    }

    private long locksAtMillis() {
        return expiresAtMillis + policy.grace().toMillis();
    }

    /** Deadlines on the scenario clock never run before their moment, so the token has expired now: at its expiry. */
    private void checkExpiry() {
        changed.changed(SessionObserved.Change.EXPIRED, expiresAtMillis);
        if (policy.onLoss() == OnSessionLoss.GRACE) {
            lockTimer = device.setTimer(Duration.ofMillis(Math.max(0, locksAtMillis() - now())), () -> {
                if (!valid()) {
                    changed.changed(SessionObserved.Change.LOCKED, locksAtMillis());
                }
            });
        }
    }

    private long now() {
        return device.clock().now().toMillis();
    }
}
