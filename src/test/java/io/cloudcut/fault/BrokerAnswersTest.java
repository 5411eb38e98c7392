package io.cloudcut.fault;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.AttributeKey;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How long the broker keeps a device's publish waiting for its answer, as the proxy measures it: on a bare
 * {@link BrokerAnswers}, and through a link in front of a TCP peer that stands for a broker slow to answer (no real
 * broker can be told to hold an answer back).
 */
class BrokerAnswersTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void theLongestWaitIsTheOldestPublishUnanswered_andNoneOnceEachIsAnswered() {
        BrokerAnswers answers = new BrokerAnswers();
        assertThat(answers.longestWaitNanos(1_000)).isZero();
        for (int id = 1; id <= 6; id++) {
            // More than it first has room for.
            answers.sent(id, 100L * id);
        }
        assertThat(answers.longestWaitNanos(1_000)).isEqualTo(900);
        answers.answered(1);
        assertThat(answers.longestWaitNanos(1_000)).isEqualTo(800);
        answers.answered(42);
        answers.answered(4);
        assertThat(answers.longestWaitNanos(1_000)).isEqualTo(800);
        // Sent again (a copy after its original's answer): it waits from then.
        answers.sent(2, 950);
        assertThat(answers.longestWaitNanos(1_000)).isEqualTo(700);
        for (int id : new int[] {2, 3, 5, 6}) {
            answers.answered(id);
        }
        assertThat(answers.longestWaitNanos(1_000)).isZero();
        answers.sent(9, 500);
        answers.forget();
        assertThat(answers.longestWaitNanos(1_000)).isZero();
    }

    @Test
    void aPublishTheBrokerHasNotAnswered_isWaitingThroughTheLink_untilItsPuback() throws Exception {
        try (ServerSocket broker = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             FaultProxy proxy = FaultProxy.create("127.0.0.1", broker.getLocalPort())) {
            Link link = proxy.openLink("device-1");
            try (Socket device = new Socket("127.0.0.1", link.port()); Socket brokerSide = broker.accept()) {
                OutputStream toBroker = device.getOutputStream();
                toBroker.write(encoded(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5).clientId("device-1").build()));
                toBroker.write(encoded(MqttMessageBuilders.publish().topicName("devices/a/events").qos(MqttQoS.AT_LEAST_ONCE)
                        .messageId(7).payload(Unpooled.wrappedBuffer(new byte[] {1})).build()));
                toBroker.flush();

                await().atMost(WAIT).until(() -> proxy.longestBrokerAnswerMillis() >= 300);

                // A PUBACK for publish 7 with reason code success, as an MQTT 5 broker sends it.
                brokerSide.getOutputStream().write(new byte[] {0x40, 0x02, 0x00, 0x07});
                brokerSide.getOutputStream().flush();
                InputStream fromBroker = device.getInputStream();
                assertThat(fromBroker.readNBytes(4)).as("the PUBACK reaches the device").containsExactly(0x40, 0x02, 0x00, 0x07);
                await().atMost(WAIT).until(() -> proxy.longestBrokerAnswerMillis() == 0);
            }
        }
    }

    /**
     * An MQTT 3.1.1 connection is read packet by packet only while a fault reads packets. A publish read then, whose
     * PUBACK comes after the fault was removed, is answered all the same: unread, that PUBACK left it waiting for good,
     * and a run's pacer held its clock at real time for it (a `loss` phase's end at 1,000 Paho devices).
     */
    @Test
    void aPublishReadUnderAFault_isAnsweredByAPubackThatComesAfterTheFaultWasRemoved() throws Exception {
        try (ServerSocket broker = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             FaultProxy proxy = FaultProxy.create("127.0.0.1", broker.getLocalPort())) {
            Link link = proxy.openLink("device-2");
            link.apply(LinkFaults.create("loss", Map.of("probability", 0.0), null));
            try (Socket device = new Socket("127.0.0.1", link.port()); Socket brokerSide = broker.accept()) {
                OutputStream toBroker = device.getOutputStream();
                toBroker.write(encoded(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_3_1_1).clientId("device-2").build(),
                        MqttVersion.MQTT_3_1_1));
                toBroker.write(encoded(MqttMessageBuilders.publish().topicName("devices/b/events").qos(MqttQoS.AT_LEAST_ONCE)
                        .messageId(9).payload(Unpooled.wrappedBuffer(new byte[] {1})).build(), MqttVersion.MQTT_3_1_1));
                toBroker.flush();
                await().atMost(WAIT).until(() -> proxy.longestBrokerAnswerMillis() > 0);

                link.restore();
                // A PUBACK for publish 9, as an MQTT 3.1.1 broker sends it, the first byte from the broker's side.
                brokerSide.getOutputStream().write(new byte[] {0x40, 0x02, 0x00, 0x09});
                brokerSide.getOutputStream().flush();
                assertThat(device.getInputStream().readNBytes(4)).as("the PUBACK reaches the device").containsExactly(0x40, 0x02, 0x00, 0x09);
                await().atMost(WAIT).until(() -> proxy.longestBrokerAnswerMillis() == 0);
            }
        }
    }

    private static byte[] encoded(MqttMessage packet) {
        return encoded(packet, MqttVersion.MQTT_5);
    }

    private static byte[] encoded(MqttMessage packet, MqttVersion version) {
        EmbeddedChannel encoder = new EmbeddedChannel(MqttEncoder.INSTANCE);
        encoder.attr(AttributeKey.<MqttVersion>valueOf("NETTY_CODEC_MQTT_VERSION")).set(version);
        encoder.writeOutbound(packet);
        ByteBuf bytes = encoder.readOutbound();
        try {
            return ByteBufUtil.getBytes(bytes);
        } finally {
            bytes.release();
            encoder.finishAndReleaseAll();
        }
    }
}
