package io.cloudcut.harness;

import io.cloudcut.broker.ServerDisconnect;
import io.cloudcut.mqtt.BrokerDisconnect;
import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.HealthObserved;
import io.cloudcut.observation.Observation;
import io.cloudcut.observation.PhaseObserved;
import io.cloudcut.scenario.Scenario;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Devices that lost their connection while nothing was faulted on it, on their link, their certificate or the broker:
 * their broker or fault proxy answered later than their time-out (a PUBACK, a PINGRESP), or dropped them, under the
 * harness's load. In a `cert-expiry` run of 1,000 devices over mutual TLS, the expired vacuums' failing handshakes
 * loaded the machine until 362 of the 500 doorbells, whose links nothing touched, dropped their connections for
 * PUBACKs over a second late; the doorbells' `live-view` read DEGRADED, and the run said it was healthy.
 * <p>
 * A loss within a detection window of a fault's end ({@link Pacer#detectionWindow}) is still the fault's: a device
 * notices a silent link only after its keepalive or its acknowledgement time-out. So is the loss of a connection that
 * a fault met, whenever it comes: its client may keep what the fault did to it. The Vert.x client that lost a PINGRESP
 * to a {@code loss} fault answers each later PINGRESP to the ping before, and drops the connection for its keepalive
 * once its pings come less regularly, 7 s after the fault was lifted in one run of 8 devices. Losses before the clock
 * starts are the fleet's start's ({@link FleetReadiness}). An external device's losses are its own: only the emulated fleet's count.
 * So is a DISCONNECT for what a device's client sent ({@link BrokerDisconnect#forTheClientsError}): 195 Paho v5 devices
 * of 1,000 were refused after a blackhole for resending a publish with their last connection's topic alias. A client
 * still writing when the broker closed on it sees only its socket go (Paho v5: {@code Connection lost (SocketException:
 * Broken pipe)}, 3 devices of 1,000) before it reads the DISCONNECT: the embedded broker tells the harness of each
 * connection it closes of its own accord ({@link #brokerDisconnected}), and a loss within {@link #SAME_LOSS} of the
 * broker closing that device for its client's error is the device's, whichever is heard first.
 * Each loss also tells the clock, which then waits in real time for this machine's connections, as for a slow connect.
 */
final class UnfaultedLosses {

    /** How far apart in real time the broker's closing a connection and the device's hearing of it count as one loss. */
    static final Duration SAME_LOSS = Duration.ofSeconds(2);

    /** A device's first loss with nothing faulted: its cause, and when it was heard ({@link System#nanoTime}). */
    private record Loss(String cause, long atNanos) {
    }

    private final Scenario scenario;
    private final Set<String> emulated;
    private final FaultedConnections connections;
    private final long graceNanos;
    private final LongSupplier nanoTime;
    /** Each device that lost its connection unfaulted, with its first such loss. */
    private final Map<String, Loss> lost = new ConcurrentHashMap<>();
    /** When each emulated device's connection last came up ({@link System#nanoTime}). */
    private final Map<String, Long> connectedAtNanos = new ConcurrentHashMap<>();
    /** Each device the broker last closed for its client's error, and when ({@link System#nanoTime}). */
    private final Map<String, Long> closedForItsError = new ConcurrentHashMap<>();
    private volatile boolean clockStarted;
    private volatile Consumer<Duration> told = timeOut -> {
    };

    UnfaultedLosses(Scenario scenario, Set<String> emulated, FaultedConnections connections, LongSupplier nanoTime) {
        this.scenario = scenario;
        this.emulated = Set.copyOf(emulated);
        this.connections = connections;
        this.graceNanos = Pacer.detectionWindow(scenario).toNanos();
        this.nanoTime = nanoTime;
    }

    /** Hears the run from now on: made before the devices start. */
    static UnfaultedLosses watching(Scenario scenario, Set<String> emulated, FaultedConnections connections, ObservationLog log) {
        UnfaultedLosses losses = new UnfaultedLosses(scenario, emulated, connections, System::nanoTime);
        log.watch(losses::heard);
        return losses;
    }

    /** From now on, {@code lost} hears of each loss with nothing faulted, with its device's acknowledgement time-out. */
    void tellLosses(Consumer<Duration> lost) {
        told = lost;
    }

    void heard(Observation observation) {
        if (observation instanceof PhaseObserved phase && phase.started()) {
            clockStarted = true;
        } else if (observation instanceof ConnectionObserved connection && emulated.contains(connection.device())) {
            if (connection.change() == ConnectionObserved.Change.UP) {
                connectedAtNanos.put(connection.device(), nanoTime.getAsLong());
            } else if (clockStarted && connection.change() == ConnectionObserved.Change.DOWN && unfaulted(connection)
                    && lostUnlessClosedForItsError(connection)) {
                told.accept(scenario.model(connection.model()).connectTimeout());
            }
        }
    }

    private boolean unfaulted(ConnectionObserved loss) {
        Long connectedAt = connectedAtNanos.get(loss.device());
        return !BrokerDisconnect.forTheClientsError(loss.cause())
                && connections.unfaultedFor(loss.device(), graceNanos, nanoTime.getAsLong())
                && (connectedAt == null || !connections.metAFault(loss.device(), connectedAt));
    }

    /** Under the lock, so that a broker's word on the same loss comes wholly before or after. */
    private synchronized boolean lostUnlessClosedForItsError(ConnectionObserved connection) {
        long now = nanoTime.getAsLong();
        Long closed = closedForItsError.get(connection.device());
        if (closed != null && now - closed <= SAME_LOSS.toNanos()) {
            return false;
        }
        lost.putIfAbsent(connection.device(), new Loss(String.valueOf(connection.cause()), now));
        return true;
    }

    /**
     * The broker closed a connection of its own accord: for its client's error ({@link BrokerDisconnect#isTheClientsError}),
     * the device's loss within {@link #SAME_LOSS} of it, heard before or after, is the device's.
     */
    synchronized void brokerDisconnected(ServerDisconnect disconnect) {
        if (!BrokerDisconnect.isTheClientsError(disconnect.reason()) || !emulated.contains(disconnect.clientId())) {
            return;
        }
        long now = nanoTime.getAsLong();
        closedForItsError.put(disconnect.clientId(), now);
        lost.computeIfPresent(disconnect.clientId(), (device, loss) -> now - loss.atNanos() <= SAME_LOSS.toNanos() ? null : loss);
    }

    /** The devices that lost their connection with nothing faulted, as a problem of the run; none, if none did. */
    Optional<String> problem() {
        if (lost.isEmpty()) {
            return Optional.empty();
        }
        List<String> devices = lost.keySet().stream().sorted().toList();
        Map<String, Long> byCause = lost.values().stream().collect(Collectors.groupingBy(Loss::cause, TreeMap::new,
                Collectors.counting()));
        String causes = byCause.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .map(cause -> cause.getKey() + ": " + cause.getValue()).collect(Collectors.joining(", "));
        boolean one = devices.size() == 1;
        return Optional.of(String.format("%d device%s %s (on %s link, certificate or the broker: %s; %s): the broker or "
                        + "the fault proxy answered later than the device's time-out under the harness's load, so what %s "
                        + "did then, and %s verdicts, may show the harness, not the firmware; %s", devices.size(), one ? "" : "s",
                HealthObserved.LOST_WITH_NOTHING_FAULTED, one ? "its" : "their", FewNames.of(devices), causes,
                one ? "it" : "they", one ? "its" : "their", HealthCheck.REMEDY));
    }
}
