package io.cloudcut.device;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The bed holds its night setting, acting, and its controls move it a step at a time. */
class BedFirmwareTest {

    @Test
    void itHoldsItsNightSettingWarmingAndInclinedWhichIsNotAtRest() throws Exception {
        FakeDevice bed = FakeDevice.of("bed-cloud-locked");

        new BedFirmware().start(bed);

        assertThat(bed.states()).containsExactly(new FakeDevice.State("heating, inclined", Activity.ACTING));
    }

    @Test
    void aPressMovesOneStepDownThenTheNextOneBackUp() throws Exception {
        FakeDevice bed = FakeDevice.of("bed-offline-mode");
        BedFirmware firmware = started(bed);

        assertThat(firmware.perform("temperature-buttons", "p1").result()).isEqualTo("temperature +4 -> +3");
        assertThat(firmware.perform("temperature-buttons", "p2").result()).isEqualTo("temperature +3 -> +4");
        assertThat(firmware.perform("incline-buttons", "p3").result()).isEqualTo("head 15 -> 10 degrees");
        assertThat(firmware.perform("adjust-from-app", "p4").result())
                .isEqualTo("from the app: temperature +4 -> +3, head 10 -> 15 degrees");
    }

    @Test
    void aNeutralFlatBedIsAtRestAndAStepCoolerMakesItActAgain() throws Exception {
        FakeDevice bed = FakeDevice.of("bed-offline-mode");
        BedFirmware firmware = new BedFirmware(0, 0);
        firmware.start(bed);

        firmware.perform("temperature-buttons", "p1");

        assertThat(bed.states()).containsExactly(new FakeDevice.State("neutral, flat", Activity.AT_REST),
                new FakeDevice.State("cooling, flat", Activity.ACTING));
    }

    @Test
    void aDashboardsValueSetsTheControlAndTheButtonsGoOnFromThere_withinTheBedsRange() throws Exception {
        FakeDevice bed = FakeDevice.of("bed-offline-mode");
        BedFirmware firmware = started(bed);

        assertThat(firmware.set("temperature-buttons", -10).result()).isEqualTo("temperature +4 -> -10");
        assertThat(firmware.set("incline-buttons", 0).result()).isEqualTo("head 15 -> 0 degrees");
        assertThat(bed.states()).last().isEqualTo(new FakeDevice.State("cooling, flat", Activity.ACTING));
        assertThat(firmware.perform("temperature-buttons", "p1").result())
                .as("at its coolest, a press can only warm").isEqualTo("temperature -10 -> -9");
        assertThat(firmware.perform("incline-buttons", "p2").result()).isEqualTo("head 0 -> 5 degrees");
        assertThat(firmware.set("temperature-buttons", 11).failed()).isTrue();
        assertThat(firmware.set("sleep-report", 1).failed()).isTrue();
    }

    @Test
    void theSleepReportTellsTheCloudTheSettingForTheProbe() throws Exception {
        FakeDevice bed = FakeDevice.of("bed-offline-mode");
        BedFirmware firmware = started(bed);

        assertThat(firmware.perform("sleep-report", "p1").result()).isEqualTo("sleep report sent: heating, inclined");

        assertThat(bed.events()).singleElement().satisfies(event -> {
            assertThat(event.getString("kind")).isEqualTo("status");
            assertThat(event.getString("probeId")).isEqualTo("p1");
            assertThat(event.getInteger("temperatureLevel")).isEqualTo(BedFirmware.NIGHT_TEMPERATURE);
            assertThat(event.getInteger("headDegrees")).isEqualTo(BedFirmware.NIGHT_HEAD_DEGREES);
        });
    }

    private static BedFirmware started(FakeDevice bed) {
        BedFirmware firmware = new BedFirmware();
        firmware.start(bed);
        return firmware;
    }
}
