package io.cloudcut.device;

import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The vacuum's child lock gates its button; stop and return-to-base always act on a moving robot. */
class VacuumFirmwareTest {

    @Test
    void aChildLockHeldOnTheRobotKeepsAPressFromStartingARunWithoutTheCloud() throws Exception {
        FakeDevice robot = FakeDevice.of("vacuum-child-lock");
        VacuumFirmware firmware = started(robot);
        robot.connected = false;
        robot.sessionValid = false;

        Future<String> childPress = firmware.perform("child-lock", "p1");

        assertThat(childPress.succeeded()).as("the lock held: %s", childPress.cause()).isTrue();
        assertThat(childPress.result()).contains("child lock engaged: the button does nothing");
        assertThat(robot.state()).isEqualTo("docked");
    }

    @Test
    void theLockIsEngagedForTheChildsPressOnlySoTheOwnersButtonStillStartsARun() throws Exception {
        FakeDevice robot = FakeDevice.of("vacuum-child-lock");
        VacuumFirmware firmware = started(robot);

        assertThat(firmware.perform("child-lock", "p1").succeeded()).isTrue();
        assertThat(firmware.perform("child-lock-from-app", "p2").result()).contains("engaged from the app, then released");
        Future<String> ownersPress = firmware.perform("clean-button", "p3");

        assertThat(ownersPress.result()).isEqualTo("cleaning started");
        assertThat(robot.current()).isEqualTo(new FakeDevice.State("cleaning", Activity.ACTING));
    }

    @Test
    void aChildLockThatLivesInTheCloudProtectsWithASessionAndLetsThePressThroughWithout() throws Exception {
        FakeDevice robot = FakeDevice.of("vacuum-cloud-child-lock");
        VacuumFirmware firmware = started(robot);

        assertThat(firmware.perform("child-lock", "p1").succeeded()).as("signed in, the cloud's lock holds").isTrue();
        assertThat(robot.state()).isEqualTo("docked");

        robot.sessionValid = false;
        Future<String> childPress = firmware.perform("child-lock", "p2");

        assertThat(childPress.failed()).isTrue();
        assertThat(childPress.cause()).isInstanceOf(Unprotected.class)
                .hasMessageContaining("a press started the vacuum")
                .hasMessageContaining("no cloud session");
        assertThat(robot.current()).isEqualTo(new FakeDevice.State("cleaning", Activity.ACTING));
    }

    @Test
    void roomCleanFromTheAppStartsARunInTheChosenRooms() throws Exception {
        FakeDevice robot = FakeDevice.of("vacuum-cloud-schedule");
        VacuumFirmware firmware = started(robot);

        assertThat(firmware.perform("room-clean", "p1").result()).isEqualTo("cleaning started in the rooms chosen in the app");
        assertThat(robot.current()).isEqualTo(new FakeDevice.State("cleaning", Activity.ACTING));
    }

    @Test
    void stopStopsARunningRobotWhereItStands() throws Exception {
        FakeDevice robot = FakeDevice.of("vacuum-local-first");
        VacuumFirmware firmware = started(robot);
        firmware.perform("clean-button", "p1");

        assertThat(firmware.perform("stop", "p2").result()).isEqualTo("stopped (cleaning), idle where it stood");
        robot.fireTimers();

        assertThat(robot.current()).as("the run's end was cancelled with it").isEqualTo(new FakeDevice.State("idle", Activity.AT_REST));
    }

    @Test
    void stopOnADockedRobotStartsARunFirstSoThatTheStopIsReal() throws Exception {
        FakeDevice robot = FakeDevice.of("vacuum-local-first");
        VacuumFirmware firmware = started(robot);

        assertThat(firmware.perform("stop", "p1").result()).isEqualTo("stopped (started), idle where it stood");

        assertThat(robot.states()).extracting(FakeDevice.State::name).containsExactly("docked", "cleaning", "idle");
    }

    @Test
    void returnToBaseDrivesHomeAndDocks() throws Exception {
        FakeDevice robot = FakeDevice.of("vacuum-local-first");
        VacuumFirmware firmware = started(robot);

        assertThat(firmware.perform("return-to-base", "p1").result()).isEqualTo("returning to base (started)");
        assertThat(robot.current()).isEqualTo(new FakeDevice.State("returning", Activity.ACTING));
        robot.fireTimers();

        assertThat(robot.current()).isEqualTo(new FakeDevice.State("docked", Activity.AT_REST));
    }

    private static VacuumFirmware started(FakeDevice robot) {
        VacuumFirmware firmware = new VacuumFirmware();
        firmware.start(robot);
        return firmware;
    }
}
