package io.cloudcut.comparison;

import io.cloudcut.report.EventsReport;
import io.cloudcut.report.ModelReport;

import java.util.function.ToLongFunction;

/**
 * What became of a model's events: lost in the cloud, dropped by the devices, duplicated at ingest; within
 * {@link Tolerance#events}. A count past it whose share of the events generated differs by no more than chance
 * ({@link Chance}) is listed apart.
 */
final class EventFigures {

    private EventFigures() {
    }

    /** Only for models with as many devices in both runs: a fleet of another size has other counts. */
    static void compare(ModelReport was, ModelReport now, Tally tally) {
        Tally.Subject model = Tally.Subject.of(was.model());
        count(tally, model, "events lost in cloud", was.events(), now.events(), EventsReport::lostInCloud);
        count(tally, model, "events dropped", was.events(), now.events(), EventsReport::droppedTotal);
        count(tally, model, "duplicate events", was.events(), now.events(), EventsReport::duplicates);
    }

    private static void count(Tally tally, Tally.Subject model, String figure, EventsReport was, EventsReport now,
                              ToLongFunction<EventsReport> count) {
        long before = count.applyAsLong(was);
        double tolerance = Tolerance.events(before, was.generated(), now.generated());
        long after = count.applyAsLong(now);
        tally.count(model, String.format("%s (tolerance %.0f)", figure, tolerance), before, after, tolerance,
                Chance.differ(before, was.generated(), after, now.generated()));
    }
}
