package io.cloudcut.report;

import io.cloudcut.scenario.DeviceKind;
import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.FunctionPath;
import io.cloudcut.scenario.FunctionRole;

import static io.cloudcut.report.RunFixture.function;

/** The device models the verdict tests judge, each after a shipped model or a behaviour the issue names. */
final class SampleModels {

    /** The plug-in chime rings only through the cloud; clips are recorded on the device. */
    static final DeviceModel CLOUD_CHIME = RunFixture.model("doorbell-cloud-chime", DeviceKind.DOORBELL,
            function("chime", FunctionPath.CLOUD, FunctionRole.PRIMARY),
            function("record-clip", FunctionPath.LOCAL, FunctionRole.SECONDARY),
            function("live-view", FunctionPath.CLOUD, FunctionRole.SECONDARY));
    /** The button cleans locally; the schedule, its main use, lives in the cloud. */
    static final DeviceModel CLOUD_SCHEDULE = RunFixture.model("vacuum-cloud-schedule", DeviceKind.VACUUM,
            function("clean-button", FunctionPath.LOCAL, FunctionRole.PRIMARY),
            function("scheduled-clean", FunctionPath.CLOUD, FunctionRole.PRIMARY),
            function("status-report", FunctionPath.CLOUD, FunctionRole.TELEMETRY));
    static final DeviceModel LOCAL_FIRST = RunFixture.model("vacuum-local-first", DeviceKind.VACUUM,
            function("clean-button", FunctionPath.LOCAL, FunctionRole.PRIMARY),
            function("clean-from-app", FunctionPath.CLOUD, FunctionRole.SECONDARY),
            function("status-report", FunctionPath.CLOUD, FunctionRole.TELEMETRY));
    /** Local primaries that its firmware refuses once its session has lapsed. */
    static final DeviceModel CLOUD_LOCKED = RunFixture.model("vacuum-cloud-locked", DeviceKind.VACUUM,
            function("clean-button", FunctionPath.LOCAL, FunctionRole.PRIMARY),
            function("scheduled-clean", FunctionPath.LOCAL, FunctionRole.PRIMARY),
            function("clean-from-app", FunctionPath.CLOUD, FunctionRole.SECONDARY));
    static final DeviceModel CHILD_LOCK = RunFixture.model("vacuum-child-lock", DeviceKind.VACUUM,
            function("clean-button", FunctionPath.LOCAL, FunctionRole.PRIMARY),
            function("child-lock", FunctionPath.LOCAL, FunctionRole.SECURITY));
    /** Its stop command goes through the cloud: once cleaning, it cannot be stopped without it. */
    static final DeviceModel UNSTOPPABLE = RunFixture.model("vacuum-unstoppable", DeviceKind.VACUUM,
            function("stop", FunctionPath.CLOUD, FunctionRole.PRIMARY),
            function("status-report", FunctionPath.CLOUD, FunctionRole.TELEMETRY));

    private SampleModels() {
    }
}
