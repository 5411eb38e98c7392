package io.cloudcut.harness;

import io.cloudcut.fault.LinkFailure;
import io.cloudcut.observation.HealthObserved;
import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.Durations;
import io.cloudcut.scenario.WireNames;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the instrument could measure. A fault-free baseline on loopback should fail no probe and
 * keep the harness's own delays small; past these bounds the figures would be the harness's, not
 * the devices', and the run gives no verdicts:
 * <ul>
 *   <li>at most {@value #MAX_BASELINE_FAILURE_PERCENT}% of the baseline's probes failed;</li>
 *   <li>event loops ran timers at most {@value #MAX_LAG_P99_MILLIS} ms late (p99): every deadline,
 *   probe and firmware timer is that late, and a figure measured during the ramp after a transition
 *   is known to within that delay over {@link Pacer#RAMP} of it (40% at the bound, 2% at a typical
 *   10 ms; the report gives each figure's resolution from the lag actually measured);</li>
 *   <li>probes started at most {@value #MAX_PROBE_DELAY_P99_MILLIS} ms after their plan (p99);</li>
 *   <li>no event loop stalled for longer than the tightest of the fleet's connections allows
 *   ({@link #connectionMargin}): past that, a device's PINGREQ or acknowledgement held up by the
 *   harness's stall (a long garbage collection, a starved CPU) cost it its connection, a loss no fault
 *   and no firmware caused;</li>
 *   <li>no process came within {@value #OPEN_FILES_MARGIN_PERCENT}% of its open-file limit: at the
 *   limit the harness refuses connections itself (its proxy, its broker), which would read as a fault;</li>
 *   <li>no part of the harness (an emulated cloud service, a device's proxy link) failed in its own code,
 *   and no cloud service fell behind reading its messages ({@link io.cloudcut.cloud.Canary}).</li>
 * </ul>
 */
final class HealthCheck {

    static final double MAX_BASELINE_FAILURE_PERCENT = 0.5;
    static final long MAX_LAG_P99_MILLIS = 200;
    static final long MAX_PROBE_DELAY_P99_MILLIS = 250;
    static final int OPEN_FILES_MARGIN_PERCENT = 1;
    static final String REMEDY = "run a smaller fleet (--devices-per-model), a slower clock (--time-scale, "
            + "or auto), or spread the fleet over more processes";

    private HealthCheck() {
    }

    /**
     * A failed link as a problem of the run: its device's connection was cut by the harness, not by a
     * fault, so what the device did then is no finding about the device.
     */
    static String linkFailed(LinkFailure failure) {
        if (failure.ofSharedPort()) {
            return String.format("the fault proxy's shared port stopped listening %d %s (first: %s): it was bound "
                    + "again on the same port, and meanwhile no device could connect through it, by the harness's "
                    + "doing, not a fault's: verdicts may show the harness, not the devices", failure.times(),
                    failure.times() == 1 ? "time" : "times", failure.first());
        }
        return String.format("the fault proxy's link for device %s failed %d %s in the harness's own code (first: %s): "
                        + "it was restarted on the same port, and each time %s's connection was cut by the harness, "
                        + "not by a fault: %s's verdicts may show the harness, not the device", failure.link(),
                failure.times(), failure.times() == 1 ? "time" : "times", failure.first(), failure.link(), failure.link());
    }

    /**
     * Whether {@code health} was refused for the harness's load, which a slower clock lightens: its probes failed, its event
     * loops or probes ran late, a loop stalled past a connection's margin, or the baseline's latency hid a slow service's
     * slowdown (its spread grows with the load: {@code slow-cloud}'s 1,000 devices hid 352 ms at 150x, 438-672 ms at 300x);
     * not for files the process ran out of, nor for its own parts alone.
     */
    static boolean refusedForLoad(HealthObserved health) {
        return !health.healthy() && (100 * health.failureRate() > MAX_BASELINE_FAILURE_PERCENT
                || health.lagP99Millis() > MAX_LAG_P99_MILLIS || health.probeDelayP99Millis() > MAX_PROBE_DELAY_P99_MILLIS
                || health.stalledPastAConnectionsMargin() || health.hidesASlowdown());
    }

    /** {@code probes}: the fault-free probes made over the window, of which {@code failed} failed. */
    static HealthObserved judge(long atMillis, HealthObserved.Window window, double timeScale, HarnessMonitor.Figures figures,
                                long probes, long failed) {
        return judge(atMillis, window, timeScale, figures, probes, failed, List.of());
    }

    /** @param harnessFailures the harness's own parts that failed over the window, each a problem as it stands */
    static HealthObserved judge(long atMillis, HealthObserved.Window window, double timeScale, HarnessMonitor.Figures figures,
                                long probes, long failed, List<String> harnessFailures) {
        return judge(atMillis, window, timeScale, figures, probes, failed, harnessFailures, null);
    }

    /**
     * How long a stall a device of {@code model} survives: a broker drops a client it has not heard from
     * for one and a half keepalives, so a PINGREQ may be half a keepalive late; and the device drops a
     * connection whose acknowledgement (CONNACK, SUBACK, PUBACK) is later than its time-out.
     */
    static Duration connectionMargin(DeviceModel model) {
        Duration halfAKeepAlive = model.keepAlive().dividedBy(2);
        return halfAKeepAlive.compareTo(model.connectTimeout()) < 0 ? halfAKeepAlive : model.connectTimeout();
    }

    /** @param tightest the fleet's model with the least {@link #connectionMargin} (null: no stall is judged by one) */
    static HealthObserved judge(long atMillis, HealthObserved.Window window, double timeScale, HarnessMonitor.Figures figures,
                                long probes, long failed, List<String> harnessFailures, DeviceModel tightest) {
        List<String> problems = new ArrayList<>(harnessFailures);
        double failedPercent = probes == 0 ? 0 : 100.0 * failed / probes;
        if (failedPercent > MAX_BASELINE_FAILURE_PERCENT) {
            problems.add(String.format("%d of %d fault-free %s probes failed (%.1f%%, at most %.1f%% allowed): "
                            + "the harness, not the devices, could not keep up; %s", failed, probes, WireNames.of(window),
                    failedPercent, MAX_BASELINE_FAILURE_PERCENT, REMEDY));
        }
        if (figures.lagP99Millis() > MAX_LAG_P99_MILLIS) {
            problems.add(String.format("event loops ran timers %d ms late (p99; at most %d ms allowed): every probe "
                    + "and firmware deadline ran that late; %s", figures.lagP99Millis(), MAX_LAG_P99_MILLIS, REMEDY));
        }
        if (figures.probeDelayP99Millis() > MAX_PROBE_DELAY_P99_MILLIS) {
            problems.add(String.format("probes started %d ms after their plan (p99; at most %d ms allowed); %s",
                    figures.probeDelayP99Millis(), MAX_PROBE_DELAY_P99_MILLIS, REMEDY));
        }
        long marginMillis = tightest == null ? Long.MAX_VALUE : connectionMargin(tightest).toMillis();
        if (figures.lagMaxMillis() > marginMillis) {
            problems.add(String.format("an event loop %s %d ms, past the %d ms of %s's (a broker drops a client "
                    + "it has not heard from for one and a half keepalives of %s, and the device drops a connection "
                    + "whose acknowledgement is %s late): a connection lost then may have been lost to the harness's "
                    + "stall, not to a fault or the firmware; %s", HealthObserved.STALLED_PAST_A_CONNECTION,
                    figures.lagMaxMillis(), marginMillis, tightest.id(),
                    Durations.format(tightest.keepAlive()), Durations.format(tightest.connectTimeout()), REMEDY));
        }
        if (figures.openFilesShare() >= 1 - OPEN_FILES_MARGIN_PERCENT / 100.0) {
            problems.add(String.format("a process had %d files open, of the %d it may (its limit): connections "
                    + "beyond it were refused by the harness itself, not by a fault; run fewer devices a process "
                    + "(--devices-per-model) or spread the fleet over workers (--workers)", figures.peakOpenFiles(),
                    figures.openFilesLimit()));
        }
        return new HealthObserved(atMillis, window, timeScale, figures.lagP50Millis(), figures.lagP99Millis(),
                figures.probeDelayP50Millis(), figures.probeDelayP99Millis(), figures.cpuPercent(), probes,
                failed, problems.isEmpty(), problems);
    }
}
