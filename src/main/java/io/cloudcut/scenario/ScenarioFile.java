package io.cloudcut.scenario;

import java.util.List;
import java.util.Locale;

/** The fields of a scenario file as written; {@link ScenarioLoader} resolves them into a {@link Scenario}. */
record ScenarioFile(String name, String description, TimeScale timeScale, String cloud, ProbeSettings probe,
                    List<FleetEntry> fleet, List<ExternalDevice> external, List<Phase> phases,
                    List<ExpectationSpec> expect) {

    ScenarioFile {
        Checks.present(name, "name");
        fleet = List.copyOf(Checks.orDefault(fleet, List.of()));
        external = List.copyOf(Checks.orDefault(external, List.of()));
        Checks.present(phases, "phases");
        Checks.check(!fleet.isEmpty() || !external.isEmpty(),
                "a scenario needs devices: a model in 'fleet' or a device in 'external'");
        Checks.check(!phases.isEmpty(), "a scenario needs at least one phase");
        long devices = fleet.stream().mapToLong(FleetEntry::count).sum();
        if (devices > FleetEntry.MAX_DEVICES) {
            throw new FieldProblem("/fleet", String.format(Locale.ROOT,
                    "%,d devices in all is over the limit of %,d a scenario may run", devices, FleetEntry.MAX_DEVICES));
        }
        description = Checks.orDefault(description, "");
        timeScale = Checks.orDefault(timeScale, TimeScale.fixed(1));
        probe = Checks.orDefault(probe, ProbeSettings.defaults());
        expect = List.copyOf(Checks.orDefault(expect, List.of()));
    }
}
