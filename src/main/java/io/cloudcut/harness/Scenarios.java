package io.cloudcut.harness;

import io.cloudcut.expectation.Expectations;
import io.cloudcut.fault.LinkFaults;
import io.cloudcut.scenario.ScenarioLoader;

import java.nio.file.Path;

/**
 * The scenario loader a run uses: link faults are checked whole (kind, attributes, direction) as the
 * proxy will build them, and expectations' verdict words as the report ranks them.
 */
public final class Scenarios {

    private Scenarios() {
    }

    public static ScenarioLoader loader(Path projectRoot) {
        return new ScenarioLoader(projectRoot, LinkFaults::problem, Expectations::problem);
    }
}
