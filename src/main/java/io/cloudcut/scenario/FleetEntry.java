package io.cloudcut.scenario;

import java.util.Locale;
import java.util.regex.Pattern;

/** How many devices of one model a scenario runs. */
public record FleetEntry(String model, Integer count) {

    /**
     * The most devices a scenario may run, all models together: about 200 workers' worth, far past
     * what one process holds (the run checks that against the open-file limit).
     */
    public static final int MAX_DEVICES = 1_000_000;

    /** A model is named by its file in {@code devices/}: a plain name, never a path. */
    private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

    public FleetEntry {
        Checks.present(model, "model");
        if (!MODEL_NAME.matcher(model).matches()) {
            throw new FieldProblem("/model", "'" + YamlDocument.shortened(model) + "' is not a model name: a model is "
                    + "named by its file in devices/ (letters, digits, '-' and '_')");
        }
        count = Checks.orDefault(count, 1);
        if (count < 1) {
            throw new FieldProblem("/count", "count must be at least 1");
        }
        if (count > MAX_DEVICES) {
            throw new FieldProblem("/count", String.format(Locale.ROOT,
                    "%,d devices is over the limit of %,d a scenario may run", count, MAX_DEVICES));
        }
    }
}
