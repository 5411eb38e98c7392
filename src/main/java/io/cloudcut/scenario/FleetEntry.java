package io.cloudcut.scenario;

/** How many devices of one model a scenario runs. */
public record FleetEntry(String model, Integer count) {

    public FleetEntry {
        Checks.present(model, "model");
        count = Checks.orDefault(count, 1);
        Checks.check(count >= 1, "count must be at least 1");
    }
}
