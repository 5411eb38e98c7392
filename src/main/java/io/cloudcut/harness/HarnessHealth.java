package io.cloudcut.harness;

import io.cloudcut.cloud.CloudControl;
import io.cloudcut.observation.HealthObserved;
import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.ScenarioClock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the {@link HealthCheck} judges over a window, gathered from every part of the harness: the figures
 * of this process's monitor and of every other process hosting devices, and the harness's own parts that
 * failed in their own code or fell behind (cloud services, the devices' proxy links). The same for the
 * baseline, whose verdict decides whether the run is measured at all, and for the whole run.
 */
final class HarnessHealth {

    private final HarnessMonitor monitor;
    private final DeviceHost host;
    private final CloudControl cloud;
    private final ScenarioClock clock;
    private final double runScale;
    private final DeviceModel tightest;

    /** @param tightest the fleet's model whose connection survives the shortest stall ({@link HealthCheck#connectionMargin}) */
    HarnessHealth(HarnessMonitor monitor, DeviceHost host, CloudControl cloud, ScenarioClock clock, double runScale,
                  DeviceModel tightest) {
        this.monitor = monitor;
        this.host = host;
        this.cloud = cloud;
        this.clock = clock;
        this.runScale = runScale;
        this.tightest = tightest;
    }

    /**
     * The window from real instant {@code fromNanos} to now, judged, with how many probes it made and how many
     * of those failed ({@link HealthObserved.Window#RUN}: none).
     */
    HealthObserved judge(HealthObserved.Window window, long fromNanos, long probes, long failed) throws InfrastructureException {
        return judge(window, fromNanos, probes, failed, List.of());
    }

    /** As {@link #judge(HealthObserved.Window, long, long, long)}, with what else kept the harness from measuring. */
    HealthObserved judge(HealthObserved.Window window, long fromNanos, long probes, long failed, List<String> alsoProblems)
            throws InfrastructureException {
        List<String> problems = ownFailures();
        problems.addAll(alsoProblems);
        return HealthCheck.judge(clock.nowMillis(), window, runScale, measured(fromNanos), probes, failed, problems, tightest);
    }

    /** The harness's figures from real instant {@code fromNanos} to now: this process's and the workers'. */
    HarnessMonitor.Figures measured(long fromNanos) throws InfrastructureException {
        return monitor.since(fromNanos).withOthers(workers(fromNanos));
    }

    /** The longest any event loop stalled from real instant {@code fromNanos} to now: in any process, and in the workers'. */
    Stalled stalled(long fromNanos) throws InfrastructureException {
        long workers = workers(fromNanos).stream().mapToLong(HarnessMonitor.Figures::lagMaxMillis).max().orElse(0);
        return new Stalled(Math.max(monitor.since(fromNanos).lagMaxMillis(), workers), workers);
    }

    record Stalled(long anywhereMillis, long workersMillis) {
    }

    private List<HarnessMonitor.Figures> workers(long fromNanos) throws InfrastructureException {
        return Waits.await(host.otherProcesses(Duration.ofNanos(System.nanoTime() - fromNanos)),
                "asking the workers for their harness figures");
    }

    void probeStartedLate(long nanos) {
        monitor.probeStartedLate(nanos);
    }

    /**
     * Since the run began: the harness's parts that failed in their own code (cloud services, the devices'
     * proxy links), and cloud services that fell behind once the clock ran.
     */
    private List<String> ownFailures() throws InfrastructureException {
        List<String> failures = new ArrayList<>(Waits.await(cloud.harnessProblems(),
                "asking the cloud services whether they failed or fell behind"));
        Waits.await(host.linkFailures(), "asking the fault proxies whether their links failed").stream()
                .map(HealthCheck::linkFailed).forEach(failures::add);
        return failures;
    }
}
