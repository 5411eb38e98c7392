package io.cloudcut.fault;

import io.cloudcut.scenario.FaultSpec;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinkFaultsTest {

    @Test
    void named_unknownName_listsKnownFaults() {
        assertThatThrownBy(() -> LinkFaults.named("nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown link fault 'nope'; known faults: "
                        + "bandwidth, blackhole, delay-publish, disconnect, drop-publish, duplicate-publish, flap, "
                        + "latency, lose-publish, loss, overload, refuse, refuse-connect, reset, slow-close, unresolvable, withhold-puback");
    }

    @Test
    void named_knownName_givesFaultOfThatName() {
        LinkFaults.names().forEach(name -> assertThat(LinkFaults.named(name).name()).isEqualTo(name));
    }

    @Test
    void noticedAtOnce_onlyFaultsThatCloseOrRefuseConnections() {
        assertThat(LinkFaults.names().stream().filter(name -> LinkFaults.named(name).noticedAtOnce()))
                .containsExactlyInAnyOrder("disconnect", "refuse", "reset", "unresolvable");
    }

    @Test
    void names_areThoseScenariosAccept() {
        assertThat(LinkFaults.names()).isEqualTo(FaultSpec.LINK_FAULTS);
    }

    @Test
    void create_attributesFillTheFault() {
        LinkFault latency = LinkFaults.create("latency", Map.of("latency", 500, "jitter", 0), null);

        assertThat(latency.onBytes(Direction.UPSTREAM, 10)).isEqualTo(LinkFault.Verdict.delay(500));
        assertThat(latency.onBytes(Direction.DOWNSTREAM, 10)).isEqualTo(LinkFault.Verdict.delay(500));
    }

    @Test
    void create_direction_limitsTheFaultToIt() {
        LinkFault upOnly = LinkFaults.create("blackhole", Map.of(), Direction.UPSTREAM);

        assertThat(upOnly.name()).isEqualTo("blackhole");
        assertThat(upOnly.onBytes(Direction.UPSTREAM, 10)).isEqualTo(LinkFault.Verdict.DROP);
        assertThat(upOnly.onBytes(Direction.DOWNSTREAM, 10)).isEqualTo(LinkFault.Verdict.FORWARD);
        assertThat(upOnly.onClose(Direction.DOWNSTREAM)).isEqualTo(LinkFault.Verdict.FORWARD);
    }

    @Test
    void create_unknownAttribute_namesWhatTheFaultTakes() {
        assertThatThrownBy(() -> LinkFaults.create("latency", Map.of("latncy", 5), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown attribute 'latncy' for fault 'latency'; it takes: jitter, latency");
        assertThatThrownBy(() -> LinkFaults.create("reset", Map.of("rate", 5), null))
                .hasMessage("Unknown attribute 'rate' for fault 'reset'; it takes none");
    }

    @Test
    void create_wrongType_isRejected() {
        assertThatThrownBy(() -> LinkFaults.create("bandwidth", Map.of("rate", "fast"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Attribute 'rate' of fault 'bandwidth' must be a number, got String 'fast'");
        assertThatThrownBy(() -> LinkFaults.create("slow-close", Map.of("delay", 1.5), null))
                .hasMessage("Attribute 'delay' of fault 'slow-close' must be a whole number, got 1.5");
    }

    @Test
    void create_outOfRange_saysTheRange() {
        assertThatThrownBy(() -> LinkFaults.create("loss", Map.of("probability", 1.5), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Attribute 'probability' of fault 'loss' must be from 0.0 to 1.0, got 1.5");
        assertThatThrownBy(() -> LinkFaults.create("latency", Map.of("latency", 100, "jitter", 200), null))
                .hasMessage("Attribute 'jitter' of fault 'latency' must be from 0 to 100, got 200");
        assertThatThrownBy(() -> LinkFaults.create("flap", Map.of("down", 0), null))
                .hasMessage("Attribute 'down' of fault 'flap' must be from 1 to 3600000, got 0");
    }

    @Test
    void create_textAttributes_areCheckedAgainstWhatTheFaultTakes() {
        assertThatThrownBy(() -> LinkFaults.create("refuse-connect", Map.of("reason", "tired"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Attribute 'reason' of fault 'refuse-connect' must be one of bad-credentials, "
                        + "not-authorized, quota-exceeded, server-busy, server-unavailable, got 'tired'");
        assertThatThrownBy(() -> LinkFaults.create("disconnect", Map.of("reason", 0x8B), null))
                .hasMessage("Attribute 'reason' of fault 'disconnect' must be a string, got Integer '139'");
        assertThatThrownBy(() -> LinkFaults.create("drop-publish", Map.of("topic", "devices/#/events"), null))
                .hasMessageStartingWith("Attribute 'topic' of fault 'drop-publish' ")
                .hasMessageContaining("devices/#/events");
    }

    @Test
    void create_rateAttributes_takeTheirUnit() {
        assertThatThrownBy(() -> LinkFaults.create("overload", Map.of("capacity", "20"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Attribute 'capacity' of fault 'overload' must be a rate of scenario time: '20' has no unit: "
                        + "write a count per period of scenario time, e.g. 30/min, 2/s or 100/h (a bare number used to "
                        + "mean per real second)");
        assertThatThrownBy(() -> LinkFaults.create("overload", Map.of("capacity", "0/min"), null))
                .hasMessageContaining("the count of a rate must be above 0");
        assertThatThrownBy(() -> LinkFaults.create("overload", Map.of("capacity", 20), null))
                .hasMessage("Attribute 'capacity' of fault 'overload' must be a string, got Integer '20'");
        assertThat(LinkFaults.create("overload", Map.of("capacity", "20/min", "window", 60_000), null).name())
                .isEqualTo("overload");
    }

    @Test
    void duplicatePublish_deliversMatchingPublishesTwice_otherPacketsOnce() {
        LinkFault duplicate = LinkFaults.create("duplicate-publish", Map.of("topic", "devices/+/events"), Direction.DOWNSTREAM);

        assertThat(duplicate.onPacket(Direction.DOWNSTREAM, publish("devices/a/events"))).isEqualTo(LinkFault.Verdict.DUPLICATE);
        assertThat(duplicate.onPacket(Direction.DOWNSTREAM, publish("other/topic"))).isEqualTo(LinkFault.Verdict.FORWARD);
        assertThat(duplicate.onPacket(Direction.UPSTREAM, publish("devices/a/events"))).isEqualTo(LinkFault.Verdict.FORWARD);
    }

    @Test
    void create_directionForAConnectionFault_isRejected() {
        assertThatThrownBy(() -> LinkFaults.create("reset", Map.of(), Direction.UPSTREAM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Fault 'reset' acts on whole connections and takes no direction");
    }

    @Test
    void verdicts_compose_dropWinsAndDelaysAdd() {
        LinkFault.Verdict delayed = LinkFault.Verdict.delay(100).then(LinkFault.Verdict.delay(50));

        assertThat(delayed).isEqualTo(LinkFault.Verdict.delay(150));
        assertThat(delayed.then(LinkFault.Verdict.DROP)).isEqualTo(LinkFault.Verdict.DROP);
        assertThat(LinkFault.Verdict.DROP.then(delayed)).isEqualTo(LinkFault.Verdict.DROP);
        assertThat(delayed.then(LinkFault.Verdict.DUPLICATE)).isEqualTo(new LinkFault.Verdict(true, 150, true));
        assertThat(LinkFault.Verdict.DUPLICATE.then(LinkFault.Verdict.DROP)).isEqualTo(LinkFault.Verdict.DROP);
    }

    private static MqttPublishMessage publish(String topic) {
        return MqttMessageBuilders.publish().topicName(topic).qos(MqttQoS.AT_LEAST_ONCE).messageId(1)
                .payload(Unpooled.EMPTY_BUFFER).build();
    }
}
