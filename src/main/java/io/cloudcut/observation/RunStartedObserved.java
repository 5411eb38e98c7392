package io.cloudcut.observation;

import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.ExpectationSpec;
import io.cloudcut.scenario.FleetEntry;
import io.cloudcut.scenario.PhaseKind;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.scenario.TimeScale;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The first observation of a run: what ran, as the run had it (the command line may have resized the
 * fleet, put every model on one client stack or set the time scale), so that the stream alone says
 * what its other observations are about and reproduces the report. {@code timeScale} is as asked
 * ({@code auto}, say); the scale chosen is in the health observations. {@code fleet} counts the devices
 * of each model, emulated and external alike; {@code models} are the fleet's, in its order;
 * {@code broker} says which broker carried the run.
 */
public record RunStartedObserved(long atMillis, String scenario, String description, String broker,
                                 TimeScale timeScale, List<FleetEntry> fleet, List<DeviceModel> models,
                                 List<PhasePlan> phases, List<ExpectationSpec> expectations) implements Observation {

    /** A phase of the timeline as planned: its faults as the report lists them. */
    public record PhasePlan(String name, PhaseKind kind, List<String> faults) {
        public PhasePlan {
            faults = List.copyOf(faults);
        }
    }

    public RunStartedObserved {
        fleet = List.copyOf(fleet);
        models = List.copyOf(models);
        phases = List.copyOf(phases);
        expectations = List.copyOf(expectations);
    }

    /** The description of a run of {@code scenario} on {@code broker}, at the run's origin. */
    public static RunStartedObserved of(Scenario scenario, String broker) {
        return new RunStartedObserved(0, scenario.name(), scenario.description(), broker, scenario.timeScale(),
                scenario.devicesByModel(), scenario.devicesByModel().stream().map(FleetEntry::model).map(scenario::model).toList(),
                scenario.phases().stream().map(phase -> new PhasePlan(phase.name(), phase.kind(),
                        phase.faults().stream().map(Object::toString).toList())).toList(),
                scenario.expectations());
    }

    /** The fleet's models by id. */
    public Map<String, DeviceModel> modelsById() {
        return models.stream().collect(Collectors.toMap(DeviceModel::id, Function.identity()));
    }

    /** The names of the phases of one kind. */
    public List<String> phasesOf(PhaseKind kind) {
        return phases.stream().filter(phase -> phase.kind() == kind).map(PhasePlan::name).toList();
    }
}
