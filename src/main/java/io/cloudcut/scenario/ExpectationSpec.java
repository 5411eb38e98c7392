package io.cloudcut.scenario;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One expectation of a scenario ({@code expect:}) as written: what a run of it must show. Its
 * fields say which of four kinds it is:
 * <ul>
 *   <li>a function of a model: {@code model}, {@code function} and either {@code verdict} (at least this
 *   function verdict, in {@code phase} or, without one, over the outage) or {@code okAtLeast} (this share
 *   of the function's probes in {@code phase} worked, {@code 99%});</li>
 *   <li>a model: {@code model} and {@code verdict}, at least this rung of the ladder (its headline, or its
 *   rung in the outage phase {@code phase});</li>
 *   <li>{@code recovery}: bounds on how the devices came back;</li>
 *   <li>{@code events}: bounds on the event account.</li>
 * </ul>
 * Verdict words are the report's, written as in files ({@code kept}, {@code local-function-kept}); the
 * loader checks them with its {@link ScenarioLoader.VerdictCheck}, and names against the scenario.
 */
public record ExpectationSpec(String model, String function, String phase, String verdict, String okAtLeast,
                              RecoveryBounds recovery, EventBounds events) {

    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)%");

    /** What an expectation is about. */
    public enum Kind { FUNCTION, MODEL, RECOVERY, EVENTS }

    public ExpectationSpec {
        int about = (model == null ? 0 : 1) + (recovery == null ? 0 : 1) + (events == null ? 0 : 1);
        Checks.check(about == 1, "an expectation is about one of: a model (model: ...), recovery (recovery: {...}) "
                + "or events (events: {...})");
        if (model == null) {
            onlyWithAModel("function", function);
            onlyWithAModel("phase", phase);
            onlyWithAModel("verdict", verdict);
            onlyWithAModel("okAtLeast", okAtLeast);
        } else if (function == null) {
            if (okAtLeast != null) {
                throw new FieldProblem("/okAtLeast", "okAtLeast is a share of a function's probes: name the function");
            }
            Checks.check(verdict != null, "a model's expectation states the rung it reaches at least (verdict: ...)");
        } else {
            Checks.check(verdict == null ^ okAtLeast == null,
                    "a function's expectation states either verdict or okAtLeast");
            if (okAtLeast != null) {
                share(okAtLeast);
                Checks.check(phase != null, "okAtLeast counts the probes of one phase: name it (phase: ...)");
            }
        }
    }

    public Kind kind() {
        if (recovery != null) {
            return Kind.RECOVERY;
        }
        if (events != null) {
            return Kind.EVENTS;
        }
        return function == null ? Kind.MODEL : Kind.FUNCTION;
    }

    /** {@code okAtLeast} as a fraction: {@code 99%} is 0.99. */
    public double okShare() {
        return share(okAtLeast);
    }

    private static double share(String percent) {
        Matcher matcher = PERCENT.matcher(percent);
        double value = matcher.matches() ? Double.parseDouble(matcher.group(1)) : -1;
        if (value < 0 || value > 100) {
            throw new FieldProblem("/okAtLeast", "'" + percent + "' is not a share of probes (write a percentage from 0% to 100%, e.g. 99%)");
        }
        return value / 100;
    }

    private static void onlyWithAModel(String field, String value) {
        if (value != null) {
            throw new FieldProblem("/" + field, "'" + field + "' belongs to an expectation about a model (model: ...)");
        }
    }

    /**
     * How the devices must come back: every model's 95th percentile of time to recover after the outage under
     * {@code p95Under}, and of time to connect again each time it could (a fault on links or the broker lifted,
     * the broker back from a restart) under {@code reconnectP95Under} (scenario time); with {@code noneUnrecovered},
     * every device back.
     */
    public record RecoveryBounds(Duration p95Under, Duration reconnectP95Under, Boolean noneUnrecovered) {
        public RecoveryBounds {
            Checks.check(p95Under != null || reconnectP95Under != null || noneUnrecovered != null,
                    "recovery needs p95Under, reconnectP95Under or noneUnrecovered");
            if (Boolean.FALSE.equals(noneUnrecovered)) {
                throw new FieldProblem("/noneUnrecovered", "noneUnrecovered: false states nothing: write true or leave it out");
            }
            positive("p95Under", p95Under);
            positive("reconnectP95Under", reconnectP95Under);
        }

        private static void positive(String field, Duration bound) {
            if (bound != null && (bound.isZero() || bound.isNegative())) {
                throw new FieldProblem("/" + field, field + " must be positive");
            }
        }
    }

    /**
     * The same expectation for a fleet {@code factor} times the scenario's own: a bound on the events lost
     * in the cloud counts the fleet's events, and grows or shrinks with it; every other bound is a
     * share, a time or a rung, the same whatever the fleet.
     */
    ExpectationSpec forFleetTimes(double factor) {
        if (events == null || events.lostInCloudAtMost() == null) {
            return this;
        }
        return new ExpectationSpec(model, function, phase, verdict, okAtLeast, recovery,
                new EventBounds(Math.round(events.lostInCloudAtMost() * factor), events.duplicates()));
    }

    /**
     * Bounds on the fleet's events: at most {@code lostInCloudAtMost} delivered to the broker and never
     * received by ingest; duplicates reaching ingest {@code allowed} or {@code forbidden}.
     */
    public record EventBounds(Long lostInCloudAtMost, Duplicates duplicates) {
        public EventBounds {
            Checks.check(lostInCloudAtMost != null || duplicates != null, "events needs lostInCloudAtMost or duplicates");
            if (lostInCloudAtMost != null && lostInCloudAtMost < 0) {
                throw new FieldProblem("/lostInCloudAtMost", "lostInCloudAtMost must be at least 0");
            }
        }
    }

    /** Whether an event may reach the cloud twice. */
    public enum Duplicates { ALLOWED, FORBIDDEN }
}
