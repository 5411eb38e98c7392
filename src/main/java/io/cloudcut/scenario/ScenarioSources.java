package io.cloudcut.scenario;

import java.util.Map;

/**
 * Where the values of a loaded scenario are written: its file and its models' files, with the line
 * and column of every field, so that what is found once the run's time scale is known is placed as
 * the loader's errors are. A scenario built in code has none.
 */
public final class ScenarioSources {

    static final ScenarioSources NONE = new ScenarioSources(null, Map.of());

    private final YamlDocument scenario;
    private final Map<String, YamlDocument> models;

    ScenarioSources(YamlDocument scenario, Map<String, YamlDocument> models) {
        this.scenario = scenario;
        this.models = Map.copyOf(models);
    }

    /** A warning about the scenario's field at a JSON pointer such as {@code /probe/timeout}. */
    ScenarioWarning inScenario(String pointer, String problem) {
        return warning(scenario, pointer, problem);
    }

    /** A warning about a field of the model {@code id}, at a JSON pointer such as {@code /keepAlive}. */
    ScenarioWarning inModel(String id, String pointer, String problem) {
        return warning(models.get(id), pointer, problem);
    }

    private static ScenarioWarning warning(YamlDocument document, String pointer, String problem) {
        return document == null ? new ScenarioWarning(null, 0, 0, YamlDocument.fieldName(pointer), problem)
                : document.warning(pointer, problem);
    }
}
