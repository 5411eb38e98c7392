package io.cloudcut.fault;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;

import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Cuts one direction of a byte stream into whole MQTT packets with Netty's {@link MqttDecoder}, and
 * hands on each packet with its original bytes, so that forwarded packets are byte for byte what was
 * sent. A stream the decoder rejects (not MQTT, or joined in the middle of a packet) passes on
 * unframed from then on, without losing a byte.
 */
final class MqttFraming {

    /** The largest packet MQTT can express (a remaining length of 256 MB - 1). */
    private static final int MAX_REMAINING_LENGTH = 268_435_455;
    private static final int DUP_FLAG = 0x08;
    /**
     * Where {@link MqttDecoder} reads the version it decodes (its own {@code MqttCodecUtil} key, which
     * is package-private; {@code valueOf} gives the same key for the same name). The decoder sets it
     * when it decodes a CONNECT; a stream that starts after the CONNECT, as the broker's side always
     * does, would be read as 3.1.1 without it, and an MQTT 5 packet's properties as a malformed packet.
     */
    private static final AttributeKey<MqttVersion> VERSION = AttributeKey.valueOf("NETTY_CODEC_MQTT_VERSION");

    private final EmbeddedChannel decoder =
            new EmbeddedChannel(new MqttDecoder(MAX_REMAINING_LENGTH, MAX_REMAINING_LENGTH));
    /** Bytes given to the decoder and not yet handed on. */
    private final CompositeByteBuf unsent = Unpooled.compositeBuffer(Integer.MAX_VALUE);
    private boolean unframed;

    /** Framing for a stream of the MQTT {@code version} learnt from the device's CONNECT; 3.1.1 if empty, until a CONNECT says otherwise. */
    MqttFraming(Optional<MqttVersion> version) {
        version.ifPresent(known -> decoder.attr(VERSION).set(known));
    }

    /**
     * Hands every packet completed by {@code bytes} to {@code sink} (its decoded form, or null once the
     * stream passes unframed, and its bytes, which the sink owns). Bytes of an unfinished packet wait.
     */
    void split(ByteBuf bytes, BiConsumer<MqttMessage, ByteBuf> sink) {
        if (unframed) {
            sink.accept(null, bytes);
            return;
        }
        unsent.addComponent(true, bytes.retainedDuplicate());
        try {
            decoder.writeInbound(bytes);
        } catch (RuntimeException undecodable) {
            giveUp(sink);
            return;
        }
        for (Object decoded; (decoded = decoder.readInbound()) != null; ) {
            MqttMessage packet = (MqttMessage) decoded;
            int length = packet.decoderResult().isFailure() ? Integer.MAX_VALUE : packetLength(packet.fixedHeader().remainingLength());
            if (length > unsent.readableBytes()) {
                ReferenceCountUtil.release(packet);
                giveUp(sink);
                return;
            }
            // A copy, not a slice: discarding read components below would shift a slice's bytes under it.
            sink.accept(packet, unsent.readBytes(length));
            ReferenceCountUtil.release(packet);
        }
        unsent.discardReadComponents();
    }

    /** The bytes of an unfinished packet, which the caller owns, when the stream ends; releases the decoder. */
    ByteBuf finish() {
        if (unframed) {
            return Unpooled.EMPTY_BUFFER;
        }
        unframed = true;
        decoder.finishAndReleaseAll();
        return unsent;
    }

    /**
     * A copy of {@code bytes} (a whole {@code packet}, or unframed bytes if null) to send again: a PUBLISH
     * of QoS 1 or 2 with the DUP flag set, as the spec requires of a redelivery; anything else as it was.
     */
    static ByteBuf redelivery(MqttMessage packet, ByteBuf bytes) {
        ByteBuf copy = bytes.copy();
        if (packet != null && packet.fixedHeader().messageType() == MqttMessageType.PUBLISH
                && packet.fixedHeader().qosLevel() != MqttQoS.AT_MOST_ONCE) {
            // DUP is bit 3 of the first byte of the fixed header; everything else stays byte for byte.
            copy.setByte(copy.readerIndex(), copy.getByte(copy.readerIndex()) | DUP_FLAG);
        }
        return copy;
    }

    private void giveUp(BiConsumer<MqttMessage, ByteBuf> sink) {
        ByteBuf rest = finish();
        if (rest.isReadable()) {
            sink.accept(null, rest);
        } else {
            rest.release();
        }
    }

    /** The fixed header (a type byte and the remaining length in 1 to 4 bytes) plus the rest. */
    private static int packetLength(int remainingLength) {
        int lengthBytes = remainingLength < 128 ? 1 : remainingLength < 16_384 ? 2 : remainingLength < 2_097_152 ? 3 : 4;
        return 1 + lengthBytes + remainingLength;
    }
}
