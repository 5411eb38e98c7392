package io.cloudcut.harness;

import java.util.List;

/** A list of devices as a line says it: the first few by name, and how many more. */
public final class FewNames {

    /** How many a line names. */
    static final int NAMED = 5;

    private FewNames() {
    }

    /** {@code a, b, c, d, e and 3 more}. */
    public static String of(List<String> names) {
        return String.join(", ", names.subList(0, Math.min(NAMED, names.size())))
                + (names.size() > NAMED ? " and " + (names.size() - NAMED) + " more" : "");
    }
}
