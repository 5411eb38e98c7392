package io.cloudcut.dashboard.mqtt;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What each kind says on MQTT, without a broker: the words a vacuum takes, what an end of run clears. */
class DeviceConventionsTest {

    private final VacuumConventions vacuum = new VacuumConventions("vacuum-1", "vacuum-local-first");
    private final DoorbellConventions doorbell = new DoorbellConventions("doorbell-1", "doorbell-local-chime");

    @Test
    void aVacuumTakesValetudosWordsAndHomeAssistantsInAnyCase_andNothingElse() {
        assertThat(vacuum.commandFunction("START")).contains("clean-button");
        assertThat(vacuum.commandFunction(" pause\n")).contains("pause");
        assertThat(vacuum.commandFunction("HOME")).contains("return-to-base");
        assertThat(vacuum.commandFunction("return_to_base")).contains("return-to-base");
        assertThat(vacuum.commandFunction("locate")).contains("locate");
        assertThat(vacuum.commandFunction("{\"command\":\"start\"}")).isEmpty();
        assertThat(vacuum.commandFunction("")).isEmpty();
        assertThat(doorbell.commandFunction("START")).as("a doorbell takes no commands").isEmpty();
        assertThat(doorbell.commandTopic()).isEmpty();
    }

    @Test
    void theEndOfARunClearsEveryConfigTheStateAndTheAvailability() {
        assertThat(doorbell.retainedTopics()).containsExactlyInAnyOrder(
                "homeassistant/event/cloudcut/doorbell-1_ding/config",
                "homeassistant/binary_sensor/cloudcut/doorbell-1_motion/config",
                "ring/doorbell-local-chime/camera/doorbell-1/info/state",
                "ring/doorbell-local-chime/camera/doorbell-1/status");
        assertThat(doorbell.retainedTopics()).as("a ring is momentary: nothing retained to clear")
                .doesNotContain(doorbell.eventMessage("ring").map(DeviceConventions.Message::topic).orElseThrow());
    }

    @Test
    void anIdWithMqttWildcardsStaysOneTopicLevel() {
        VacuumConventions odd = new VacuumConventions("vac+1/#", "m");
        assertThat(odd.availabilityTopic()).isEqualTo("valetudo/vac_1__/status");
        assertThat(odd.discovery().get(0).topic()).isEqualTo("homeassistant/vacuum/cloudcut/vac_1___vacuum/config");
        assertThat(odd.eventMessage("ring")).isEqualTo(Optional.empty());
    }
}
