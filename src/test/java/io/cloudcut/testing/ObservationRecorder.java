package io.cloudcut.testing;

import io.cloudcut.observation.Observation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every observation of a run, kept in a list for a test to look through: the run itself keeps none
 * (it folds them), so a test that wants them listens, as {@code ProgressListener.observing(recorder)}.
 */
public final class ObservationRecorder implements Consumer<Observation> {

    private final List<Observation> observations = new ArrayList<>();

    @Override
    public synchronized void accept(Observation observation) {
        observations.add(observation);
    }

    /** What was heard so far, in the order heard. */
    public synchronized List<Observation> all() {
        return List.copyOf(observations);
    }

    /** Those of one kind, in the order heard. */
    public <T extends Observation> List<T> only(Class<T> type) {
        return all().stream().filter(type::isInstance).map(type::cast).toList();
    }
}
