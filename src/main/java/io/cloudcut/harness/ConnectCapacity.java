package io.cloudcut.harness;

import io.cloudcut.mqtt.ConnectTimeOuts;
import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.Observation;
import io.cloudcut.observation.PhaseObserved;
import io.cloudcut.observation.RecoveryObserved;
import io.cloudcut.scenario.Phase;
import io.cloudcut.scenario.PhaseKind;
import io.cloudcut.scenario.Scenario;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether devices not back after the faults were kept out by this machine's own connects. A connect attempt that
 * runs out of time ({@link ConnectTimeOuts}) in the fleet's start, where nothing is faulted, says the harness cannot
 * carry so many of this fleet's connects at once. Over TLS a connect costs four handshake sides here (device, proxy
 * twice, broker): at 400 devices a third to half of them ran out of time in the start (plain, none), and after a
 * blackhole most never came back, every attempt running out of time, while the event loops looked healthy.
 * <p>
 * A device tells a refusal once a reason until it connects again, so one that ran out of time under the blackhole
 * and then on every attempt after it says so once. It counts as kept out when that is the last it said, it did not
 * give up, and its backoff let it try again within the recovery: its longest wait, in scenario time, is no longer
 * than the recovery phase.
 */
final class ConnectCapacity {

    private final Scenario scenario;
    private final Duration recovery;
    private final Set<String> ranOutInTheStart = ConcurrentHashMap.newKeySet();
    /** Each device's attempt that ran out of time, while that is the last it said of its connection. */
    private final Map<String, ConnectionObserved> ranOutLast = new ConcurrentHashMap<>();
    private final Set<String> notBack = ConcurrentHashMap.newKeySet();
    private volatile boolean clockStarted;

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

    private void heard(Observation observation) {
        if (observation instanceof PhaseObserved phase && phase.started()) {
            clockStarted = true;
        } else if (observation instanceof ConnectionObserved connection) {
            if (connection.change() == ConnectionObserved.Change.REFUSED && ConnectTimeOuts.ranOut(connection.cause())) {
                ranOutLast.put(connection.device(), connection);
                if (!clockStarted) {
                    ranOutInTheStart.add(connection.device());
                }
            } else {
                // Connected, dropped, refused for a reason of its own, or gave up: its firmware's doing.
                ranOutLast.remove(connection.device());
            }
        } else if (observation instanceof RecoveryObserved recovery && !recovery.recovered()) {
            notBack.add(recovery.device());
        }
    }

    /** Why some devices' NOT_RECOVERED is the harness's, if it is. */
    Optional<String> problem() {
        List<ConnectionObserved> keptOut = notBack.stream().map(ranOutLast::get).filter(last -> last != null
                        && scenario.model(last.model()).reconnect().maxDelay().compareTo(recovery) <= 0)
                .sorted(Comparator.comparing(ConnectionObserved::device)).toList();
        if (ranOutInTheStart.isEmpty() || keptOut.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.format("%d device%s not back after the faults (%s) last ran out of time connecting (%s), "
                        + "and %d %s connects ran out of time in the fleet's start too, where nothing was faulted: this "
                        + "machine's connects are the queue (over TLS each costs four handshake sides here), so their "
                        + "NOT_RECOVERED is the harness's limit, not their firmware's; %s",
                keptOut.size(), keptOut.size() == 1 ? "" : "s",
                FewNames.of(keptOut.stream().map(ConnectionObserved::device).toList()), keptOut.get(0).cause(),
                ranOutInTheStart.size(), ranOutInTheStart.size() == 1 ? "device's" : "devices'", HealthCheck.REMEDY));
    }
}
