package io.cloudcut.fault;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.AttributeKey;
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

    /** Streams framed on one thread share a decoder: interleaved, each keeps its own version and its own unfinished bytes. */
    @Test
    void split_interleavedStreamsOfBothVersions_eachComesOutWhole() {
        byte[] five = encode(MqttVersion.MQTT_5,
                MqttMessageBuilders.connect().clientId("five").protocolVersion(MqttVersion.MQTT_5).build(),
                aliasedPublish("devices/five/events", 1),
                aliasedPublish("", 1));
        byte[] three = encode(MqttVersion.MQTT_3_1_1,
                MqttMessageBuilders.publish().topicName("devices/three/events").qos(MqttQoS.AT_LEAST_ONCE).messageId(3)
                        .payload(Unpooled.wrappedBuffer(new byte[500])).build(),
                MqttMessage.PINGREQ);
        Framed fromFive = new Framed(Optional.empty());
        Framed fromThree = new Framed(Optional.of(MqttVersion.MQTT_3_1_1));

        for (int at = 0; at < Math.max(five.length, three.length); at += 7) {
            fromFive.split(five, at, 7);
            fromThree.split(three, at, 7);
        }

        assertThat(fromFive.topics).containsExactly("", "devices/five/events", "");
        assertThat(fromFive.aliases).containsExactly(null, 1, 1);
        assertThat(fromFive.out.toByteArray()).isEqualTo(five);
        assertThat(fromThree.topics).containsExactly("devices/three/events", "");
        assertThat(fromThree.out.toByteArray()).isEqualTo(three);
    }

    /** A packet the decoder rejects ends framing on its stream only: the next stream on the thread is framed by a fresh decoder. */
    @Test
    void split_aPacketTheDecoderRejects_passesOnUnframedWithAllAfterIt_andTheNextStreamIsFramed() {
        // A SUBSCRIBE must have QoS 1 in its fixed header: this one has 0, and a remaining length of 2.
        byte[] rejected = {(byte) 0x80, 2, 0, 1, 'x', 'y'};
        byte[] valid = encode(MqttVersion.MQTT_3_1_1, MqttMessage.PINGREQ, MqttMessage.PINGREQ);
        Framed bad = new Framed(Optional.of(MqttVersion.MQTT_3_1_1));
        Framed good = new Framed(Optional.of(MqttVersion.MQTT_3_1_1));

        bad.split(rejected, 0, rejected.length);
        good.split(valid, 0, valid.length);

        assertThat(bad.topics).containsExactly((String) null);
        assertThat(bad.out.toByteArray()).isEqualTo(rejected);
        assertThat(good.topics).containsExactly("", "");
        assertThat(good.out.toByteArray()).isEqualTo(valid);
    }

    @Test
    void split_aRemainingLengthLongerThanFourBytes_passesUnframed() {
        byte[] tooLong = {0x30, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1, 2};
        Framed framed = new Framed(Optional.empty());

        framed.split(tooLong, 0, tooLong.length);

        assertThat(framed.topics).containsExactly((String) null);
        assertThat(framed.out.toByteArray()).isEqualTo(tooLong);
    }

    /**
     * What one stream's framing handed on: per piece, the topic of a PUBLISH, "" for another packet, null for
     * unframed bytes; the topic alias of each PUBLISH; and every byte.
     */
    private static final class Framed {
        final MqttFraming framing;
        final List<String> topics = new ArrayList<>();
        final List<Integer> aliases = new ArrayList<>();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Framed(Optional<MqttVersion> version) {
            framing = new MqttFraming(version);
        }

        void split(byte[] stream, int at, int length) {
            if (at >= stream.length) {
                return;
            }
            framing.split(Unpooled.copiedBuffer(stream, at, Math.min(length, stream.length - at)), (packet, bytes) -> {
                if (packet instanceof MqttPublishMessage publish) {
                    topics.add(publish.variableHeader().topicName());
                    MqttProperties.MqttProperty<?> alias = publish.variableHeader().properties().getProperty(MqttProperties.TOPIC_ALIAS);
                    aliases.add(alias == null ? null : (Integer) alias.value());
                } else {
                    topics.add(packet == null ? null : "");
                    if (packet != null) {
                        aliases.add(null);
                    }
                }
                out.writeBytes(ByteBufUtil.getBytes(bytes));
                bytes.release();
            });
        }
    }

    private static MqttMessage aliasedPublish(String topic, int alias) {
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.TOPIC_ALIAS, alias));
        return MqttMessageBuilders.publish().topicName(topic).qos(MqttQoS.AT_MOST_ONCE).properties(properties)
                .payload(Unpooled.wrappedBuffer(new byte[40])).build();
    }

    private static byte[] encode(MqttMessage... packets) {
        return encode(MqttVersion.MQTT_3_1_1, packets);
    }

    private static byte[] encode(MqttVersion version, MqttMessage... packets) {
        EmbeddedChannel encoder = new EmbeddedChannel(MqttEncoder.INSTANCE);
        encoder.attr(AttributeKey.<MqttVersion>valueOf("NETTY_CODEC_MQTT_VERSION")).set(version);
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
