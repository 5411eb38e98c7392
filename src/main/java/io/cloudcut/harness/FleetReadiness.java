package io.cloudcut.harness;

import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.Observation;
import io.cloudcut.observation.SessionObserved;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which devices are connected now and have signed in, from what they report. The baseline means
 * something only when every device is: one that dropped after its first connect (a broker slow to
 * acknowledge under the start-up herd, a warm-up that loaded it) counts again once it is back, not
 * before. A session, once acquired, counts: the firmware renews or locks on its own schedule, which
 * the baseline measures. It hears the devices from when it is made, which is before they start;
 * read from a plain thread.
 */
final class FleetReadiness {

    /** How many devices a fleet not ready names. */
    private static final int NAMED = 5;

    /** The devices this process runs: external ones report no session, and their readiness is probed. */
    private final Set<String> emulated;
    private final int devices;
    private final Set<String> connected = ConcurrentHashMap.newKeySet();
    private final Set<String> withSession = ConcurrentHashMap.newKeySet();
    /** Connections lost so far, and why the latest was: a fleet not ready says what took it down. */
    private final AtomicLong lost = new AtomicLong();
    private volatile String lastLostTo;

    FleetReadiness(ObservationLog log, Set<String> emulated) {
        this.emulated = Set.copyOf(emulated);
        this.devices = emulated.size();
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
            Waits.pause(Duration.ofMillis(20));
        }
    }

    /**
     * The devices not ready, a few by name: a fleet of 4,500 once waited its whole limit on one device connected
     * without a session. A device whose first sign-in gets no answer asks again a quarter of its token's life later,
     * and before the clock starts that wait is real time.
     */
    private String whichAreNot() {
        List<String> notConnected = emulated.stream().filter(device -> !connected.contains(device)).sorted().toList();
        List<String> notSignedIn = emulated.stream().filter(device -> connected.contains(device) && !withSession.contains(device))
                .sorted().toList();
        List<String> parts = new ArrayList<>();
        if (!notConnected.isEmpty()) {
            parts.add("not connected: " + someOf(notConnected));
        }
        if (!notSignedIn.isEmpty()) {
            parts.add("connected, no answer to their sign-in yet: " + someOf(notSignedIn)
                    + " (a device asks auth again a quarter of its token's life later, in real time until the clock starts)");
        }
        return parts.isEmpty() ? "" : " (" + String.join("; ", parts) + ")";
    }

    private static String someOf(List<String> devices) {
        return String.join(", ", devices.subList(0, Math.min(NAMED, devices.size())))
                + (devices.size() > NAMED ? " and " + (devices.size() - NAMED) + " more" : "");
    }

    private void heard(Observation observation) {
        if (observation instanceof ConnectionObserved connection && emulated.contains(connection.device())) {
            if (connection.change() == ConnectionObserved.Change.UP) {
                connected.add(connection.device());
            } else {
                connected.remove(connection.device());
                if (connection.change() == ConnectionObserved.Change.DOWN) {
                    lost.incrementAndGet();
                    lastLostTo = connection.cause();
                }
            }
        } else if (observation instanceof SessionObserved session && session.change() == SessionObserved.Change.ACQUIRED) {
            withSession.add(session.device());
        }
    }
}
