package io.cloudcut.harness;

import io.cloudcut.mqtt.ConnectTimeOuts;
import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.FaultObserved;
import io.cloudcut.observation.Observation;
import io.cloudcut.observation.PhaseObserved;
import io.cloudcut.observation.RecoveryObserved;
import io.cloudcut.scenario.Phase;
import io.cloudcut.scenario.PhaseKind;
import io.cloudcut.scenario.Scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Whether devices not back after the faults were kept out by this machine's own connects. A connect attempt that
 * runs out of time ({@link ConnectTimeOuts}) in the fleet's start, where nothing is faulted, says the harness cannot
 * carry so many of this fleet's connects at once. Over TLS a connect costs four handshake sides here (device, proxy
 * twice, broker): at 400 devices a third to half of them ran out of time in the start (plain, none), and after a
 * blackhole most never came back, every attempt running out of time, while the event loops looked healthy.
 * <p>
 * A device tells a refusal once a reason until it connects again, so one that ran out of time under the blackhole
 * and then on every attempt after it says so once. It counts as kept out when that is the last it said, it did not
 * give up, its backoff let it try again within the recovery (its longest wait, in scenario time, is no longer
 * than the recovery phase), and the fleet's start ran out of time too: under a fault, running out of time may be the
 * fault's.
 * <p>
 * A device that ran out of time connecting once the faults on connections had all ended, where nothing was faulted,
 * waited on the same queue even if it came back, whatever the start did: 1,000 devices over mutual TLS whose certificates were renewed
 * took 72-99 min of scenario time to come back, a third too late for the recovery's last probe, every one of them
 * after connects that ran out of time with nothing faulted. An attempt still under way when the faults ended runs
 * out of time within its time-out of their end, so only time-outs later than twice that count.
 * <p>
 * Once the clock runs, it tells the {@link Pacer} of each connect with nothing faulted on connections, how long it
 * took (all of its device's time-out if it ran out of it): the clock then keeps a connect's real time from stretching
 * the scenario's, and waits for this machine's connects when one took more than {@link Pacer#CONNECT_SLOW_SHARE} of
 * its time-out, as it waits for a cloud behind, so that fewer run out of time at all.
 */
final class ConnectCapacity {

    private final Scenario scenario;
    private final Duration recovery;
    private final Set<String> ranOutInTheStart = ConcurrentHashMap.newKeySet();
    /** Each device's attempt that ran out of time, while that is the last it said of its connection. */
    private final Map<String, ConnectionObserved> ranOutLast = new ConcurrentHashMap<>();
    /** Devices whose connects ran out of time after the clock started, with no fault on connections. */
    private final Set<String> ranOutUnfaulted = ConcurrentHashMap.newKeySet();
    /** The faults on links or on the broker in force now. */
    private final Set<String> faultsOnConnections = ConcurrentHashMap.newKeySet();
    private volatile long lastFaultEndedAtMillis;
    private final Set<String> notBack = ConcurrentHashMap.newKeySet();
    private volatile boolean clockStarted;
    private volatile BiConsumer<Duration, Duration> connects = (took, timeOut) -> {
    };

    private ConnectCapacity(Scenario scenario) {
        this.scenario = scenario;
        this.recovery = scenario.phases().stream().filter(phase -> phase.kind() == PhaseKind.RECOVERY).map(Phase::duration)
                .max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** Hears the run from now on: made before the devices start. */
    static ConnectCapacity watching(Scenario scenario, ObservationLog log) {
        ConnectCapacity capacity = new ConnectCapacity(scenario);
        log.watch(capacity::heard);
        return capacity;
    }

    /**
     * From now on, {@code heard} hears of the connects with nothing faulted once the clock runs: the real time each took,
     * and its device's time-out.
     */
    void tellConnects(BiConsumer<Duration, Duration> heard) {
        connects = heard;
    }

    private void heard(Observation observation) {
        if (observation instanceof PhaseObserved phase && phase.started()) {
            clockStarted = true;
        } else if (observation instanceof FaultObserved fault && fault.onConnections()) {
            if (fault.applied()) {
                faultsOnConnections.add(fault.fault());
            } else if (faultsOnConnections.remove(fault.fault()) && faultsOnConnections.isEmpty()) {
                lastFaultEndedAtMillis = fault.atMillis();
            }
        } else if (observation instanceof ConnectionObserved connection) {
            if (connection.change() == ConnectionObserved.Change.REFUSED && ConnectTimeOuts.ranOut(connection.cause())) {
                ranOutLast.put(connection.device(), connection);
                if (!clockStarted) {
                    ranOutInTheStart.add(connection.device());
                } else if (unfaulted(connection)) {
                    ranOutUnfaulted.add(connection.device());
                    connects.accept(timeOut(connection), timeOut(connection));
                }
            } else {
                if (clockStarted && connection.change() == ConnectionObserved.Change.UP && faultsOnConnections.isEmpty()
                        && connection.attemptStartedAtMillis() > lastFaultEndedAtMillis) {
                    connects.accept(Duration.ofMillis(connection.attemptRealMillis()), timeOut(connection));
                }
                // Connected, dropped, refused for a reason of its own, or gave up: its firmware's doing.
                ranOutLast.remove(connection.device());
            }
        } else if (observation instanceof RecoveryObserved recovery && !recovery.recovered()) {
            notBack.add(recovery.device());
        }
    }

    /** How many devices' connects ran out of time before the clock started: the start window narrowed for them ({@link StartWindow}). */
    int ranOutInTheStart() {
        return ranOutInTheStart.size();
    }

    /** An attempt that began after every fault on connections had ended, by the device's own time-out. */
    private boolean unfaulted(ConnectionObserved ranOut) {
        return faultsOnConnections.isEmpty() && ranOut.atMillis() > lastFaultEndedAtMillis + 2 * timeOut(ranOut).toMillis();
    }

    private Duration timeOut(ConnectionObserved connection) {
        return scenario.model(connection.model()).connectTimeout();
    }

    /**
     * Why some devices' recovery, or their NOT_RECOVERED, is the harness's, if it is: a device that ran out of time
     * connecting where nothing was faulted, on its own; one not back that last ran out of time under a fault, only when
     * the fleet's fault-free start ran out of time too.
     */
    Optional<String> problem() {
        List<ConnectionObserved> keptOut = ranOutInTheStart.isEmpty() ? List.of() : notBack.stream().map(ranOutLast::get)
                .filter(last -> last != null && scenario.model(last.model()).reconnect().maxDelay().compareTo(recovery) <= 0)
                .sorted(Comparator.comparing(ConnectionObserved::device)).toList();
        List<String> delayed = ranOutUnfaulted.stream().sorted().toList();
        if (keptOut.isEmpty() && delayed.isEmpty()) {
            return Optional.empty();
        }
        List<String> findings = new ArrayList<>();
        if (!keptOut.isEmpty()) {
            findings.add(String.format("%d device%s not back after the faults (%s) last ran out of time connecting (%s)",
                    keptOut.size(), keptOut.size() == 1 ? "" : "s",
                    FewNames.of(keptOut.stream().map(ConnectionObserved::device).toList()), keptOut.get(0).cause()));
        }
        long delayedNotBack = delayed.stream().filter(notBack::contains).count();
        if (!delayed.isEmpty()) {
            findings.add(String.format("%d device%s ran out of time connecting after the faults had ended, where nothing "
                            + "was faulted (%s%s)", delayed.size(), delayed.size() == 1 ? "" : "s", FewNames.of(delayed),
                    delayedNotBack == 0 ? "" : "; " + delayedNotBack + " of them not back"));
        }
        String inTheStart = ranOutInTheStart.isEmpty() ? "" : String.format(", and %d %s connects ran out of time in the "
                + "fleet's start too, where nothing was faulted", ranOutInTheStart.size(),
                ranOutInTheStart.size() == 1 ? "device's" : "devices'");
        return Optional.of(String.format("%s%s: this machine's connects are the queue (each costs the device, the proxy "
                        + "and the broker CPU here; over TLS, four handshake sides), so their recovery times%s are the "
                        + "harness's limit, not their firmware's; %s",
                String.join("; ", findings), inTheStart, keptOut.isEmpty() && delayedNotBack == 0 ? "" : " and NOT_RECOVERED",
                HealthCheck.REMEDY));
    }
}
