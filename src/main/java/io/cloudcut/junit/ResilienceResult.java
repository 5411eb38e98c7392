package io.cloudcut.junit;

import io.cloudcut.expectation.Expectation;
import io.cloudcut.expectation.Expectations;
import io.cloudcut.report.ExpectationResult;
import io.cloudcut.report.ModelReport;
import io.cloudcut.report.RunReport;
import org.opentest4j.AssertionFailedError;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A scenario run's outcome, to assert on in a test: start from a {@link #model model}, or check the
 * whole fleet's recovery and events here. Every check that fails throws an {@link AssertionError}
 * whose message quotes the figure that decided it, in the words of the scenario's {@code expect:}
 * checks (the same checks run underneath). When the harness was not healthy after the run's baseline, a check that
 * fails throws a {@link HarnessNotHealthyException} instead, which says so: the failure may be the harness's.
 * <pre>{@code
 * result.model("doorbell-local-chime").function("chime").during("outage").isKept();
 * result.recoveryP95Under(Duration.ofMinutes(5)).noEventLostInCloud();
 * }</pre>
 */
public final class ResilienceResult {

    private final RunReport report;

    ResilienceResult(RunReport report) {
        this.report = report;
    }

    /** The whole report, as {@code report.json} has it. */
    public RunReport report() {
        return report;
    }

    /** One model of the fleet; a model the run did not have fails, naming those it had. */
    public ModelResult model(String id) {
        ModelReport model = report.models().stream().filter(candidate -> candidate.model().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionFailedError("no model " + id + " in the run of " + report.scenario()
                        + " (its models: " + String.join(", ", report.models().stream().map(ModelReport::model).toList()) + ")"));
        return new ModelResult(this, model);
    }

    /** Every expectation the scenario's file states was met; the message lists those that were not. */
    public ResilienceResult meetsItsExpectations() {
        List<String> failed = report.expectations().stream().filter(result -> !result.met())
                .map(ExpectationResult::figure).toList();
        if (!failed.isEmpty()) {
            fail(report.scenario() + ": " + failed.size() + " of "
                    + report.expectations().size() + " expectations not met: " + String.join("; ", failed));
        }
        return this;
    }

    /** The 95th percentile of time to recover (scenario time) of every model below {@code bound}. */
    public ResilienceResult recoveryP95Under(Duration bound) {
        return holds(Expectations.recoveryP95Under(bound));
    }

    /**
     * Every model's 95th percentile of time to connect again, each time one of its devices could (a fault on links
     * or the broker lifted, the broker back from a restart), below {@code bound} of scenario time.
     */
    public ResilienceResult reconnectP95Under(Duration bound) {
        return holds(Expectations.reconnectP95Under(bound));
    }

    /** No device left not recovered or needing a person after the outage. */
    public ResilienceResult everyDeviceRecovered() {
        return holds(Expectations.everyDeviceRecovered());
    }

    /** No event the broker acknowledged was lost before the cloud's ingest. */
    public ResilienceResult noEventLostInCloud() {
        return lostInCloudAtMost(0);
    }

    /** At most {@code bound} events the broker acknowledged were lost before the cloud's ingest. */
    public ResilienceResult lostInCloudAtMost(long bound) {
        return holds(Expectations.lostInCloudAtMost(bound));
    }

    /** No event reached the cloud's ingest twice. */
    public ResilienceResult noDuplicateEvents() {
        return holds(Expectations.duplicates(false));
    }

    ResilienceResult holds(Expectation expectation) {
        ExpectationResult checked = expectation.check(report);
        if (!checked.met()) {
            fail(checked.figure());
        }
        return this;
    }

    /** Fails as the devices' failure, or as one that may be the harness's when it was not healthy later in the run. */
    private void fail(String figure) {
        Optional<String> inDoubt = report.harness() == null ? Optional.empty() : report.harness().failuresInDoubt();
        if (inDoubt.isPresent()) {
            throw new HarnessNotHealthyException(figure + "; " + inDoubt.get()
                    + "; run again with a smaller fleet (devicesPerModel) or a slower clock (timeScale)");
        }
        throw new AssertionFailedError(figure);
    }
}
