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
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.ReferenceCountUtil;

import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Cuts one direction of a byte stream into whole MQTT packets, decoded by Netty's {@link MqttDecoder}, and
 * hands on each packet with its original bytes, so that forwarded packets are byte for byte what was
 * sent. A stream the decoder rejects (not MQTT, or joined in the middle of a packet) passes on
 * unframed from then on, without losing a byte.
 */
final class MqttFraming {

    /** The largest packet MQTT can express (a remaining length of 256 MB - 1). */
    private static final int MAX_REMAINING_LENGTH = 268_435_455;
    private static final int DUP_FLAG = 0x08;
    /** {@link #wholeLength} while the fixed header is not all there. */
    private static final int UNFINISHED = -1;
    /** {@link #wholeLength} of a remaining length longer than MQTT's four bytes: not MQTT. */
    private static final int NOT_MQTT = -2;
    /**
     * Where {@link MqttDecoder} reads the version it decodes (its own {@code MqttCodecUtil} key, which
     * is package-private; {@code valueOf} gives the same key for the same name). The decoder sets it
     * when it decodes a CONNECT; a stream that starts after the CONNECT, as the broker's side always
     * does, would be read as 3.1.1 without it, and an MQTT 5 packet's properties as a malformed packet.
     */
    private static final AttributeKey<MqttVersion> VERSION = AttributeKey.valueOf("NETTY_CODEC_MQTT_VERSION");
    /*
     * One decoder a thread for every stream framed on it: it is given one whole packet at a time, after which it
     * holds nothing, so that a stream costs no channel of its own (every MQTT 5 connection is framed from its
     * first byte, two streams a device). A decoder that rejected a packet discards all after it, and is replaced.
     */
    private static final FastThreadLocal<EmbeddedChannel> DECODERS = new FastThreadLocal<>() {
        @Override
        protected EmbeddedChannel initialValue() {
            return new EmbeddedChannel(new MqttDecoder(MAX_REMAINING_LENGTH, MAX_REMAINING_LENGTH));
        }
    };

    private MqttVersion version;
    /** Bytes of an unfinished packet, which a later read completes; null when there are none. */
    private CompositeByteBuf unsent;
    private boolean unframed;

    /** Framing for a stream of the MQTT {@code version} learnt from the device's CONNECT; 3.1.1 if empty, until a CONNECT says otherwise. */
    MqttFraming(Optional<MqttVersion> version) {
        this.version = version.orElse(null);
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
        ByteBuf stream = bytes;
        if (unsent != null) {
            unsent.addComponent(true, bytes);
            stream = unsent;
        }
        for (int length; (length = wholeLength(stream)) != UNFINISHED && length <= stream.readableBytes(); ) {
            if (length == NOT_MQTT) {
                giveUp(stream, sink);
                return;
            }
            // From a read buffer, a slice; from the unfinished bytes, a copy: discarding their read components
            // below would shift a slice's bytes under it.
            ByteBuf packetBytes = stream == unsent ? stream.readBytes(length) : stream.readRetainedSlice(length);
            MqttMessage packet = decoded(packetBytes);
            if (packet == null) {
                // Not MQTT after all: these bytes, and every byte after them, pass unframed.
                stream.readerIndex(stream.readerIndex() - length);
                packetBytes.release();
                giveUp(stream, sink);
                return;
            }
            sink.accept(packet, packetBytes);
            ReferenceCountUtil.release(packet);
        }
        keepUnfinished(stream);
    }

    /** Whether the stream passes on unframed: it ended, or the decoder rejected it. */
    boolean passesUnframed() {
        return unframed;
    }

    /** The bytes of an unfinished packet, which the caller owns, when the stream ends. */
    ByteBuf finish() {
        unframed = true;
        ByteBuf rest = unsent == null ? Unpooled.EMPTY_BUFFER : unsent;
        unsent = null;
        return rest;
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

    /** {@code packetBytes}, one whole packet, decoded; null if the decoder rejects it, or reads it as shorter. */
    private MqttMessage decoded(ByteBuf packetBytes) {
        EmbeddedChannel decoder = DECODERS.get();
        decoder.attr(VERSION).set(version);
        ByteBuf input = packetBytes.retainedDuplicate();
        Object decoded;
        try {
            decoder.writeInbound(input);
            decoded = decoder.readInbound();
        } catch (RuntimeException undecodable) {
            decoded = null;
        }
        // Bytes it did not read would stay in the decoder, the start of the next stream's packet.
        if (!(decoded instanceof MqttMessage packet) || packet.decoderResult().isFailure() || input.isReadable()
                || !decoder.inboundMessages().isEmpty()) {
            ReferenceCountUtil.release(decoded);
            decoder.finishAndReleaseAll();
            DECODERS.remove();
            return null;
        }
        if (packet.fixedHeader().messageType() == MqttMessageType.CONNECT) {
            version = decoder.attr(VERSION).get();
        }
        return packet;
    }

    /**
     * The length of the packet at the start of {@code stream} from its fixed header (a type byte and the
     * remaining length in 1 to 4 bytes of 7 bits each, least significant first), so that the decoder is
     * given whole packets only; {@link #UNFINISHED} or {@link #NOT_MQTT}.
     */
    private static int wholeLength(ByteBuf stream) {
        if (!stream.isReadable()) {
            return UNFINISHED;
        }
        int remainingLength = 0;
        for (int digit = 0; digit < 4; digit++) {
            if (stream.readableBytes() < 2 + digit) {
                return UNFINISHED;
            }
            int encoded = stream.getUnsignedByte(stream.readerIndex() + 1 + digit);
            remainingLength |= (encoded & 0x7F) << (7 * digit);
            if ((encoded & 0x80) == 0) {
                return 2 + digit + remainingLength;
            }
        }
        return NOT_MQTT;
    }

    private void keepUnfinished(ByteBuf stream) {
        if (stream == unsent) {
            unsent.discardReadComponents();
            if (!unsent.isReadable()) {
                unsent.release();
                unsent = null;
            }
        } else if (stream.isReadable()) {
            unsent = stream.alloc().compositeBuffer(Integer.MAX_VALUE).addComponent(true, stream);
        } else {
            stream.release();
        }
    }

    /** Passes what is left of {@code stream} on unframed, and the rest of the stream after it. */
    private void giveUp(ByteBuf stream, BiConsumer<MqttMessage, ByteBuf> sink) {
        unframed = true;
        unsent = null;
        if (stream.isReadable()) {
            sink.accept(null, stream);
        } else {
            stream.release();
        }
    }
}
