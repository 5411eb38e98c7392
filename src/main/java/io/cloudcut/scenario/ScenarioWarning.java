package io.cloudcut.scenario;

import java.nio.file.Path;

/**
 * Something in a scenario or model file that does not stop a run but may make a figure the time
 * scale's rather than the devices', placed as a {@link ScenarioException} is, so that an editor can
 * jump to it: {@code scenarios/x.yaml:31:49: phases[1].faults[0].attributes.latency: at 1800x, ...}.
 * A scenario built in code has no file or line to name.
 */
public record ScenarioWarning(Path file, int line, int column, String field, String problem) {

    @Override
    public String toString() {
        return ScenarioException.format(file, line, column, field, problem);
    }
}
