package io.cloudcut.fault;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class MqttFramingTest {

    @Test
    void split_packetsCutAnywhere_comeOutWholeWithTheirOriginalBytes() {
        byte[] stream = encode(
                MqttMessageBuilders.publish().topicName("a/b").qos(MqttQoS.AT_MOST_ONCE).payload(Unpooled.wrappedBuffer(new byte[3])).build(),
                MqttMessage.PINGREQ,
                MqttMessageBuilders.publish().topicName("big").qos(MqttQoS.AT_LEAST_ONCE).messageId(7)
                        .payload(Unpooled.wrappedBuffer(new byte[20_000])).build());
        List<MqttMessageType> types = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MqttFraming framing = new MqttFraming(Optional.empty());
        Random random = new Random(3);

        for (int at = 0; at < stream.length; ) {
            int length = Math.min(stream.length - at, 1 + random.nextInt(700));
            framing.split(Unpooled.copiedBuffer(stream, at, length), (packet, bytes) -> {
                types.add(packet.fixedHeader().messageType());
                out.writeBytes(ByteBufUtil.getBytes(bytes));
                bytes.release();
            });
            at += length;
        }

        assertThat(types).containsExactly(MqttMessageType.PUBLISH, MqttMessageType.PINGREQ, MqttMessageType.PUBLISH);
        assertThat(out.toByteArray()).isEqualTo(stream);
        assertThat(framing.finish().readableBytes()).isZero();
    }

    @Test
    void split_notMqtt_passesEveryByteUnframed() {
        byte[] garbage = {0, 1, 2, 3, 4, 5};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<MqttMessage> packets = new ArrayList<>();
        MqttFraming framing = new MqttFraming(Optional.empty());

        for (int i = 0; i < 2; i++) {
            framing.split(Unpooled.copiedBuffer(garbage), (packet, bytes) -> {
                packets.add(packet);
                out.writeBytes(ByteBufUtil.getBytes(bytes));
                bytes.release();
            });
        }

        assertThat(packets).containsOnlyNulls();
        assertThat(out.toByteArray()).hasSize(12).startsWith(garbage).endsWith(garbage);
    }

    private static byte[] encode(MqttMessage... packets) {
        EmbeddedChannel encoder = new EmbeddedChannel(MqttEncoder.INSTANCE);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (MqttMessage packet : packets) {
            encoder.writeOutbound(packet);
            ByteBuf bytes = encoder.readOutbound();
            stream.writeBytes(ByteBufUtil.getBytes(bytes));
            bytes.release();
        }
        return stream.toByteArray();
    }
}
