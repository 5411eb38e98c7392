package io.cloudcut.scenario;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/**
 * One function of a device model: its name, the path it is exercised by, who starts it, which
 * cloud services it needs (documentation of the dependency; the outcome is measured, never read
 * from here) and its role for the owner ({@code secondary} unless said), which weighs its outcome
 * in the model's verdict.
 */
public record FunctionSpec(String name, FunctionPath path, Trigger trigger, List<String> needs, FunctionRole role) {

    public FunctionSpec {
        Checks.present(name, "name");
        Checks.present(path, "path");
        trigger = Checks.orDefault(trigger, path == FunctionPath.LOCAL ? Trigger.DEVICE : Trigger.APP);
        Checks.check(!(path == FunctionPath.LOCAL && trigger == Trigger.APP),
                "function '" + name + "': a local function cannot be triggered by the app");
        needs = List.copyOf(Checks.orDefault(needs, List.of()));
        role = Checks.orDefault(role, FunctionRole.SECONDARY);
    }

    /** Said by {@code path} already: not a field of its own when a model travels as JSON. */
    @JsonIgnore
    public boolean isLocal() {
        return path == FunctionPath.LOCAL;
    }
}
