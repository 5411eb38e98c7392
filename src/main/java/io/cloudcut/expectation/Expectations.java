package io.cloudcut.expectation;

import io.cloudcut.report.FunctionVerdict;
import io.cloudcut.report.ModelVerdict;
import io.cloudcut.report.RunReport;
import io.cloudcut.scenario.ExpectationSpec;
import io.cloudcut.scenario.Durations;
import io.cloudcut.scenario.WireNames;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Turns the expectations written in a scenario into checks, and checks them against its run. */
public final class Expectations {

    private Expectations() {
    }

    /** The run's report with every expectation of its scenario checked, in the order they are written. */
    public static RunReport checked(List<ExpectationSpec> expectations, RunReport report) {
        return report.withExpectations(of(expectations).stream()
                .map(expectation -> expectation.check(report)).toList());
    }

    /**
     * The checks an expectation as written stands for: one, or one a bound for a recovery or events mapping
     * that states several. The verdict words must have passed {@link #problem}.
     */
    public static List<Expectation> of(List<ExpectationSpec> written) {
        List<Expectation> checks = new ArrayList<>();
        for (ExpectationSpec spec : written) {
            checks.addAll(switch (spec.kind()) {
                case FUNCTION -> List.of(spec.verdict() != null
                        ? new FunctionVerdictAtLeast(spec.model(), spec.function(), spec.phase(),
                                word(FunctionVerdict.class, spec.verdict()).orElseThrow())
                        : new OkShareAtLeast(spec.model(), spec.function(), spec.phase(), spec.okShare(),
                                spec.okAtLeast()));
                case MODEL -> List.of(new ModelVerdictAtLeast(spec.model(), spec.phase(),
                        word(ModelVerdict.class, spec.verdict()).orElseThrow()));
                case RECOVERY -> recovery(spec.recovery());
                case EVENTS -> events(spec.events());
            });
        }
        return checks;
    }

    /** {@code function} of {@code model} judged at least {@code needed} in {@code phase} (null: over the outage). */
    public static Expectation functionAtLeast(String model, String function, String phase, FunctionVerdict needed) {
        return new FunctionVerdictAtLeast(model, function, phase, needed);
    }

    /** At least {@code share} (0 to 1) of the probes of {@code function} of {@code model} in {@code phase} worked. */
    public static Expectation okShareAtLeast(String model, String function, String phase, double share) {
        return new OkShareAtLeast(model, function, phase, share, Durations.number(share * 100) + "%");
    }

    /** {@code model} at least at rung {@code needed} of the ladder in {@code phase} (null: its headline). */
    public static Expectation modelAtLeast(String model, String phase, ModelVerdict needed) {
        return new ModelVerdictAtLeast(model, phase, needed);
    }

    /** The fleet's 95th percentile of time to recover below {@code bound} (scenario time). */
    public static Expectation recoveryP95Under(Duration bound) {
        return new RecoveryP95Under(bound);
    }

    /**
     * The fleet's 95th percentile of time to connect again, each time a device could (a fault on links or the broker
     * lifted, the broker back from a restart), below {@code bound} (scenario time).
     */
    public static Expectation reconnectP95Under(Duration bound) {
        return new ReconnectP95Under(bound);
    }

    /** No device left not recovered or needing a person. */
    public static Expectation everyDeviceRecovered() {
        return new EveryDeviceRecovered();
    }

    /** At most {@code bound} events acknowledged by the broker that never reached the cloud's ingest. */
    public static Expectation lostInCloudAtMost(long bound) {
        return new LostInCloudAtMost(bound);
    }

    /** Duplicate events at ingest allowed, or not. */
    public static Expectation duplicates(boolean allowed) {
        return new DuplicateEvents(allowed);
    }

    private static List<Expectation> recovery(ExpectationSpec.RecoveryBounds bounds) {
        List<Expectation> checks = new ArrayList<>();
        if (bounds.p95Under() != null) {
            checks.add(new RecoveryP95Under(bounds.p95Under()));
        }
        if (bounds.reconnectP95Under() != null) {
            checks.add(new ReconnectP95Under(bounds.reconnectP95Under()));
        }
        if (bounds.noneUnrecovered() != null) {
            checks.add(new EveryDeviceRecovered());
        }
        return checks;
    }

    private static List<Expectation> events(ExpectationSpec.EventBounds bounds) {
        List<Expectation> checks = new ArrayList<>();
        if (bounds.lostInCloudAtMost() != null) {
            checks.add(new LostInCloudAtMost(bounds.lostInCloudAtMost()));
        }
        if (bounds.duplicates() != null) {
            checks.add(new DuplicateEvents(bounds.duplicates() == ExpectationSpec.Duplicates.ALLOWED));
        }
        return checks;
    }

    /**
     * What is wrong with an expectation's verdict word, if anything: a function's must be a function
     * verdict, a model's a rung of the ladder, written as in files ({@code kept}, {@code fail-closed}).
     */
    public static Optional<String> problem(ExpectationSpec spec) {
        if (spec.verdict() == null) {
            return Optional.empty();
        }
        if (spec.function() != null) {
            return word(FunctionVerdict.class, spec.verdict()).isPresent() ? Optional.empty()
                    : Optional.of("'" + spec.verdict() + "' is not a function verdict (known: "
                    + WireNames.listOf(FunctionVerdict.class) + ")");
        }
        return word(ModelVerdict.class, spec.verdict()).isPresent() ? Optional.empty()
                : Optional.of("'" + spec.verdict() + "' is not a rung of the verdict ladder (known, best first: "
                + WireNames.listOf(ModelVerdict.class) + ")");
    }

    private static <E extends Enum<E>> Optional<E> word(Class<E> ladder, String written) {
        return Arrays.stream(ladder.getEnumConstants()).filter(rung -> WireNames.of(rung).equals(written)).findFirst();
    }
}
