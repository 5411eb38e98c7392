package io.cloudcut.dashboard.mqtt;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** What each kind says on MQTT, without a broker: the words a vacuum takes, a bed's controls, what an end of run clears. */
class DeviceConventionsTest {

    private final VacuumConventions vacuum = new VacuumConventions("vacuum-1", "vacuum-local-first");
    private final DoorbellConventions doorbell = new DoorbellConventions("doorbell-1", "doorbell-local-chime");
    private final BedConventions bed = new BedConventions("bed-1", "bed-cloud-locked");

    @Test
    void aVacuumTakesValetudosWordsAndHomeAssistantsInAnyCase_andNothingElse() {
        String commands = "valetudo/vacuum-1/BasicControlCapability/operation/set";
        assertThat(vacuum.commandTopics()).containsExactly(commands);
        assertThat(vacuum.command(commands, "START")).contains(DashboardCommand.press("clean-button"));
        assertThat(vacuum.command(commands, " pause\n")).contains(DashboardCommand.press("pause"));
        assertThat(vacuum.command(commands, "HOME")).contains(DashboardCommand.press("return-to-base"));
        assertThat(vacuum.command(commands, "return_to_base")).contains(DashboardCommand.press("return-to-base"));
        assertThat(vacuum.command(commands, "locate")).contains(DashboardCommand.press("locate"));
        assertThat(vacuum.command(commands, "{\"command\":\"start\"}")).isEmpty();
        assertThat(vacuum.command(commands, "")).isEmpty();
        assertThat(doorbell.command(commands, "START")).as("a doorbell takes no commands").isEmpty();
        assertThat(doorbell.commandTopics()).isEmpty();
    }

    /** An id with MQTT wildcards, a level separator or a space keeps none of them in its topics; a plain one is kept whole. */
    @Test
    void aDevicesTopicsTakeOnlyLettersDigitsUnderscoresAndHyphensOfItsId() {
        VacuumConventions odd = new VacuumConventions("hall+vac/2 #é", "vacuum-local-first");

        assertThat(odd.stateTopic()).isEqualTo("valetudo/hall_vac_2___/hass/hall_vac_2____vacuum/state");
        assertThat(DeviceTopics.safe("vacuum-local_first-7")).isEqualTo("vacuum-local_first-7");
        assertThat(new DoorbellConventions("d#1", "m/x").baseTopic()).isEqualTo("ring/m_x/camera/d_1");
    }

    @Test
    void aBedsControlsAreNumbersWithTheirRangeAndStep_andOnlyItsSettingInWordsStaysASensor() {
        Map<String, JsonObject> configs = new TreeMap<>();
        bed.discovery().forEach(config -> configs.put(config.topic(), config.config()));

        assertThat(configs).containsOnlyKeys("homeassistant/sensor/cloudcut/bed-1_state/config",
                "homeassistant/number/cloudcut/bed-1_temperature_level/config",
                "homeassistant/number/cloudcut/bed-1_head_incline/config");
        JsonObject temperature = configs.get("homeassistant/number/cloudcut/bed-1_temperature_level/config");
        assertThat(temperature.getString("command_topic")).isEqualTo("smartbed/bed-1/temperatureLevel/set");
        assertThat(temperature.getString("state_topic")).isEqualTo("smartbed/bed-1/state");
        assertThat(temperature.getString("value_template")).isEqualTo("{{ value_json.temperatureLevel }}");
        assertThat(List.of(temperature.getInteger("min"), temperature.getInteger("max"), temperature.getInteger("step")))
                .containsExactly(-10, 10, 1);
        JsonObject head = configs.get("homeassistant/number/cloudcut/bed-1_head_incline/config");
        assertThat(head.getString("command_topic")).isEqualTo("smartbed/bed-1/headDegrees/set");
        assertThat(head.getString("value_template")).isEqualTo("{{ value_json.headDegrees }}");
        assertThat(List.of(head.getInteger("min"), head.getInteger("max"), head.getInteger("step")))
                .containsExactly(0, 45, 5);
        assertThat(bed.commandTopics()).containsExactlyInAnyOrder(temperature.getString("command_topic"),
                head.getString("command_topic"));
    }

    @Test
    void aBedTakesAWholeNumberItsControlCanReach_andNothingElse() {
        String temperature = "smartbed/bed-1/temperatureLevel/set";
        String head = "smartbed/bed-1/headDegrees/set";
        assertThat(bed.command(temperature, "-3")).contains(DashboardCommand.set("temperature-buttons", -3));
        assertThat(bed.command(temperature, " 10\n")).contains(DashboardCommand.set("temperature-buttons", 10));
        assertThat(bed.command(temperature, "-10.0")).as("a whole number written as a decimal")
                .contains(DashboardCommand.set("temperature-buttons", -10));
        assertThat(bed.command(head, "45")).contains(DashboardCommand.set("incline-buttons", 45));
        assertThat(bed.command(head, "0")).contains(DashboardCommand.set("incline-buttons", 0));

        assertThat(bed.command(temperature, "11")).as("out of range").isEmpty();
        assertThat(bed.command(temperature, "-11")).as("out of range").isEmpty();
        assertThat(bed.command(temperature, "2.5")).as("between steps").isEmpty();
        assertThat(bed.command(head, "17")).as("off the base's 5-degree steps").isEmpty();
        assertThat(bed.command(head, "50")).as("out of range").isEmpty();
        assertThat(bed.command(temperature, "warm")).isEmpty();
        assertThat(bed.command(temperature, "{\"temperatureLevel\":3}")).isEmpty();
        assertThat(bed.command(temperature, "")).isEmpty();
        assertThat(bed.command(temperature, "1e999999999")).isEmpty();
        assertThat(bed.command("smartbed/bed-1/state", "3")).as("not a command topic").isEmpty();
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
