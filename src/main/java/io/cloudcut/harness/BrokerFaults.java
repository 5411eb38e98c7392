package io.cloudcut.harness;

import io.cloudcut.broker.Broker;
import io.cloudcut.broker.BrokerException;
import io.cloudcut.observation.ServiceObserved;
import io.cloudcut.scenario.BrokerFault;
import io.cloudcut.scenario.FaultSpec;
import io.cloudcut.scenario.ScenarioClock;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Stops and restarts the embedded broker as a phase says: {@code down} for the whole phase, or a
 * {@code restart} every so often. Stopping HiveMQ blocks for seconds, so restarts run on a worker
 * thread, one at a time; the harness thread only waits for them at phase boundaries.
 */
final class BrokerFaults {

    private final Vertx vertx;
    private final Broker broker;
    private final ScenarioClock clock;
    private final ObservationLog log;
    private final Pacer pacer;
    private final Executor onContext;
    private ScenarioClock.Timer restarts;
    private boolean down;

    BrokerFaults(Vertx vertx, Broker broker, ScenarioClock clock, ObservationLog log, Pacer pacer) {
        this.vertx = vertx;
        this.broker = broker;
        this.clock = clock;
        this.log = log;
        this.pacer = pacer;
        Context context = vertx.getOrCreateContext();
        this.onContext = task -> context.runOnContext(ignored -> task.run());
    }

    /** Puts the broker in the state the phase's broker fault describes (running, when there is none). */
    void enter(Optional<FaultSpec> fault) throws InfrastructureException {
        if (restarts != null) {
            restarts.cancel();
            restarts = null;
        }
        if (fault.isEmpty()) {
            if (down) {
                inRealTime(Broker.Lifecycle::start);
                down = false;
                log.add(new ServiceObserved(now(), ServiceObserved.BROKER, ServiceObserved.Condition.UP, null));
            }
            return;
        }
        if (fault.get().brokerFault().orElseThrow() == BrokerFault.DOWN) {
            if (!down) {
                inRealTime(Broker.Lifecycle::stop);
                down = true;
                log.add(new ServiceObserved(now(), ServiceObserved.BROKER, ServiceObserved.Condition.DOWN, ServiceObserved.BROKER));
            }
            return;
        }
        enter(Optional.empty());
        restarts = clock.every(fault.get().every(), onContext, () ->
                vertx.executeBlocking(() -> {
                    // Every device is cut, then may come back: the restart in real time, then the phase's window again.
                    log.add(new ServiceObserved(now(), ServiceObserved.BROKER, ServiceObserved.Condition.RESTARTING, ServiceObserved.BROKER));
                    inRealTime(Broker.Lifecycle::restart);
                    log.add(new ServiceObserved(now(), ServiceObserved.BROKER, ServiceObserved.Condition.UP, null));
                    return null;
                }, true));
    }

    /** A stop or a start takes seconds of its own: as long in scenario time as in real time, whatever the scale. */
    private void inRealTime(BrokerAction action) throws InfrastructureException {
        pacer.holdRealTime();
        try {
            run(action);
        } finally {
            pacer.release();
        }
    }

    private void run(BrokerAction action) throws InfrastructureException {
        try {
            action.apply(lifecycle());
        } catch (BrokerException failed) {
            throw new InfrastructureException("broker fault: " + failed.getMessage(), failed);
        }
    }

    private Broker.Lifecycle lifecycle() {
        return broker.lifecycle().orElseThrow(() -> new IllegalStateException(
                "broker faults need a broker CloudCut runs (the embedded one), not " + broker.description()));
    }

    private long now() {
        return clock.nowMillis();
    }

    private interface BrokerAction {
        void apply(Broker.Lifecycle broker) throws BrokerException;
    }
}
