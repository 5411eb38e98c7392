package io.cloudcut.scenario;

import java.util.List;

/** The kind of device a model describes, with the functions built-in firmware of that kind can run. */
public enum DeviceKind {
    VACUUM(List.of("clean-button", "clean-from-app", "room-clean", "scheduled-clean", "stop", "return-to-base", "status-report",
            "child-lock", "child-lock-from-app")),
    DOORBELL(List.of("chime", "motion-alert", "push-notification", "live-view", "record-clip")),
    BED(List.of("temperature-buttons", "incline-buttons", "adjust-from-app", "sleep-report"));

    private final List<String> functions;

    DeviceKind(List<String> functions) {
        this.functions = functions;
    }

    /** Names of the functions the built-in firmware of this kind implements. */
    public List<String> functions() {
        return functions;
    }
}
