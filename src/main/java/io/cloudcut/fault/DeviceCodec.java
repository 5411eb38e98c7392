package io.cloudcut.fault;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;

import java.util.Optional;

/**
 * What the proxy knows of the MQTT a device speaks: its CONNECT, decoded by Netty's {@link MqttDecoder}
 * from a copy of the first bytes it sends, and an {@link MqttEncoder} for packets the proxy sends that
 * device itself, which writes MQTT 5 reason codes and properties only where the decoder has seen an
 * MQTT 5 CONNECT. While the CONNECT is read they share a channel; after it, the channel is let go
 * (about 1.2 KB a device, held for the life of every connection, for packets a fault sends few
 * devices) and a packet to send gets an encoder of its own, told the version the decoder read.
 * Confined to the link's event loop.
 */
final class DeviceCodec {

    /** Room for any CONNECT but one with a large will message, which leaves the version unknown. */
    private static final int MAX_CONNECT_BYTES = 64 * 1024;

    /** Where Netty's MQTT codec keeps the version its decoder read, and its encoder writes by ({@code MqttCodecUtil}). */
    private static final AttributeKey<MqttVersion> MQTT_VERSION = AttributeKey.valueOf("NETTY_CODEC_MQTT_VERSION");

    /** The decoder and the encoder while the CONNECT is read; null once reading stopped. */
    private EmbeddedChannel channel = new EmbeddedChannel(new MqttDecoder(MAX_CONNECT_BYTES), MqttEncoder.INSTANCE);
    private MqttConnectMessage connect;
    private boolean begun;

    /** Decodes a copy of {@code bytes} the device sent, until its first packet is whole or proves not to be MQTT. */
    void read(ByteBuf bytes) {
        if (!reading() || !bytes.isReadable()) {
            return;
        }
        if (!begun && bytes.getUnsignedByte(bytes.readerIndex()) >> 4 != MqttMessageType.CONNECT.value()) {
            // Not a CONNECT from its first byte: no need to wait for the rest of whatever packet it might be.
            stopReading();
            return;
        }
        begun = true;
        try {
            // A copy: the decoder keeps unfinished bytes and may write into them, while these pass on unchanged.
            channel.writeInbound(bytes.copy());
        } catch (RuntimeException notMqtt) {
            stopReading();
            return;
        }
        Object first = channel.readInbound();
        if (first != null) {
            if (first instanceof MqttConnectMessage decoded && decoded.decoderResult().isSuccess()) {
                connect = decoded;
            }
            ReferenceCountUtil.release(first);
            stopReading();
        }
    }

    /** The device's CONNECT; empty until it is read whole, or if the device speaks no MQTT. */
    Optional<MqttConnectMessage> connect() {
        return Optional.ofNullable(connect);
    }

    /** Whether its first packet proved not to be a CONNECT (or one too large to read): {@link #connect()} stays empty. */
    boolean gaveUp() {
        return !reading() && connect == null;
    }

    /** The MQTT version of the device's CONNECT; empty until it is read whole, or if the device speaks no MQTT. */
    Optional<MqttVersion> version() {
        return connect().map(DeviceCodec::versionOf);
    }

    static MqttVersion versionOf(MqttConnectMessage connect) {
        return MqttVersion.fromProtocolNameAndLevel(connect.variableHeader().name(), (byte) connect.variableHeader().version());
    }

    /** {@code packet} as the device's MQTT version encodes it (3.1.1 until its CONNECT is read). */
    ByteBuf encode(MqttMessage packet) {
        if (reading()) {
            channel.writeOutbound(packet);
            return channel.readOutbound();
        }
        EmbeddedChannel encoder = new EmbeddedChannel(MqttEncoder.INSTANCE);
        encoder.attr(MQTT_VERSION).set(version().orElse(MqttVersion.MQTT_3_1_1));
        encoder.writeOutbound(packet);
        ByteBuf encoded = encoder.readOutbound();
        encoder.finishAndReleaseAll();
        return encoded;
    }

    /** Releases what the decoder holds of an unfinished first packet; the device side has closed. */
    void close() {
        if (reading()) {
            stopReading();
        }
    }

    private boolean reading() {
        return channel != null;
    }

    private void stopReading() {
        // The decoder hands on the bytes it held when removed.
        channel.pipeline().remove(MqttDecoder.class);
        channel.finishAndReleaseAll();
        channel = null;
    }
}
