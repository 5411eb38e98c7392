package io.cloudcut.harness;

import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.Observation;
import io.cloudcut.observation.SessionObserved;
import io.cloudcut.scenario.Durations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Which devices are connected now and have signed in, from what they report. The baseline means
 * something only when every device is: one that dropped after its first connect (a broker slow to
 * acknowledge under the start-up herd, a warm-up that loaded it) counts again once it is back, not
 * before. A session, once acquired, counts: the firmware renews or locks on its own schedule, which
 * the baseline measures. It hears the devices from when it is made, which is before they start;
 * read from a plain thread.
 */
final class FleetReadiness {

    /** How long a device connected without an answer to its sign-in waits before it is asked to sign in again. */
    static final Duration ASK_AGAIN_AFTER = Duration.ofSeconds(15);

    /** The devices this process runs: external ones report no session, and their readiness is probed. */
    private final Set<String> emulated;
    private final int devices;
    private final Set<String> connected = ConcurrentHashMap.newKeySet();
    private final Set<String> withSession = ConcurrentHashMap.newKeySet();
    /** Connections lost so far, and why the latest was: a fleet not ready says what took it down. */
    private final AtomicLong lost = new AtomicLong();
    private volatile String lastLostTo;
    private final Consumer<List<String>> askToSignInAgain;
    private final Duration askAgainAfter;
    /** Devices connected without a session, by when they connected or were last asked again ({@link System#nanoTime}). */
    private final Map<String, Long> unansweredSince = new ConcurrentHashMap<>();

    /**
     * @param askToSignInAgain asks these devices, connected for {@code askAgainAfter} without an answer to their sign-in,
     *                         to sign in again: their own next try is a quarter of their token's life later, and before
     *                         the clock starts that is real time (7.5 min for a 30 min token). One device of a 4,500-device
     *                         fleet once held the start for its whole limit so.
     */
    FleetReadiness(ObservationLog log, Set<String> emulated, Consumer<List<String>> askToSignInAgain, Duration askAgainAfter) {
        this.emulated = Set.copyOf(emulated);
        this.devices = emulated.size();
        this.askToSignInAgain = askToSignInAgain;
        this.askAgainAfter = askAgainAfter;
        log.watch(this::heard);
    }

    boolean allConnected() {
        return connected.size() == devices;
    }

    boolean allReady() {
        return connected.size() == devices && withSession.size() == devices;
    }

    /**
     * Waits until every device is connected with a session, for at most {@code limit}.
     *
     * @param when what the wait is measured from, as the error says it: "within 7m of starting them"
     * @throws InfrastructureException naming how many were, when they are not all by then
     */
    void awaitReady(Duration limit, String when) throws InfrastructureException {
        awaitReady(limit, when, "");
    }

    /** As {@link #awaitReady(Duration, String)}; the error ends with {@code why}, what the fleet not ready means (empty: nothing). */
    void awaitReady(Duration limit, String when, String why) throws InfrastructureException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!allReady()) {
            if (System.nanoTime() > deadline) {
                long lostSoFar = lost.get();
                throw new InfrastructureException("devices not ready " + when + ": "
                        + connected.size() + "/" + devices + " connected, " + withSession.size() + " with a session"
                        + whichAreNot()
                        + (lostSoFar == 0 ? "" : ", " + lostSoFar + " connections lost (the last: " + lastLostTo + ")")
                        + (why.isEmpty() ? "" : "; " + why));
            }
            askThoseUnanswered();
            Waits.pause(Duration.ofMillis(20));
        }
    }

    private void askThoseUnanswered() {
        long now = System.nanoTime();
        List<String> due = new ArrayList<>();
        unansweredSince.forEach((device, since) -> {
            if (now - since >= askAgainAfter.toNanos()) {
                unansweredSince.replace(device, since, now);
                due.add(device);
            }
        });
        if (!due.isEmpty()) {
            Collections.sort(due);
            askToSignInAgain.accept(due);
        }
    }

    /** The devices not ready, a few by name: a fleet of 4,500 once waited its whole limit on one device connected without a session. */
    private String whichAreNot() {
        List<String> notConnected = emulated.stream().filter(device -> !connected.contains(device)).sorted().toList();
        List<String> notSignedIn = emulated.stream().filter(device -> connected.contains(device) && !withSession.contains(device))
                .sorted().toList();
        List<String> parts = new ArrayList<>();
        if (!notConnected.isEmpty()) {
            parts.add("not connected: " + FewNames.of(notConnected));
        }
        if (!notSignedIn.isEmpty()) {
            parts.add("connected, no answer to their sign-in yet: " + FewNames.of(notSignedIn)
                    + " (each asked to sign in again every " + Durations.format(askAgainAfter) + " without an answer)");
        }
        return parts.isEmpty() ? "" : " (" + String.join("; ", parts) + ")";
    }

    private void heard(Observation observation) {
        if (observation instanceof ConnectionObserved connection && emulated.contains(connection.device())) {
            if (connection.change() == ConnectionObserved.Change.UP) {
                connected.add(connection.device());
                if (!withSession.contains(connection.device())) {
                    unansweredSince.put(connection.device(), System.nanoTime());
                }
            } else {
                connected.remove(connection.device());
                unansweredSince.remove(connection.device());
                if (connection.change() == ConnectionObserved.Change.DOWN) {
                    lost.incrementAndGet();
                    lastLostTo = connection.cause();
                }
            }
        } else if (observation instanceof SessionObserved session && session.change() == SessionObserved.Change.ACQUIRED) {
            withSession.add(session.device());
            unansweredSince.remove(session.device());
        }
    }
}
