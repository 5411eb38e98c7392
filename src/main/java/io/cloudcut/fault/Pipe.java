package io.cloudcut.fault;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;

import java.util.ArrayDeque;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

/**
 * One direction of a connection: bytes read from one side are judged by the link's faults (packet by
 * packet once a fault reads MQTT packets, and on an MQTT 5 connection from its first byte) and written to
 * the other side in the order read, each no earlier than its verdict's delay; the close follows the last
 * bytes. Confined to the link's event loop.
 */
final class Pipe {

    /** Delayed bytes held before the source stops being read, so that a slow link never buffers without bound. */
    private static final int MAX_HELD_BYTES = 256 * 1024;

    /** Bytes, or the close if null, due to leave at {@link System#nanoTime()} {@code due}. */
    private record Held(ByteBuf bytes, long due) {
    }

    private final ProxyConnection connection;
    private final Direction direction;
    /** Small at first: only a latency holds bytes, and a fleet has two pipes a device (ArrayDeque's default is 17 slots). */
    private final Queue<Held> held = new ArrayDeque<>(1);
    private int heldBytes;
    private long lastDue;
    private boolean timerSet;
    private boolean closing;
    /**
     * Null until a fault reads packets, or from the first byte of an MQTT 5 connection; then for the rest of the
     * connection, so as to stay on packet boundaries.
     */
    private MqttFraming framing;
    /*
     * Made with the framing, as only packets are judged with them (a fleet has two pipes a device, and on MQTT 3.1.1
     * nearly all go without a fault that reads packets): the aliases the sender set, the QoS 2 publishes the proxy took.
     */
    private TopicAliases aliases;
    private StandInReceiver standIn;
    /** Made at the first packet that {@code duplicate-publish} copies on an MQTT 5 connection. */
    private MqttFiveCopies copies;
    /** Whether bytes have been relayed: an MQTT 5 connection is framed from its first byte, or not at all without a fault. */
    private boolean started;

    Pipe(ProxyConnection connection, Direction direction) {
        this.connection = connection;
        this.direction = direction;
    }

    /** Takes ownership of {@code bytes} read from the source. */
    void relay(ByteBuf bytes) {
        // The broker's side is read while a device publish read under a fault since removed still waits for its answer:
        // unread, the PUBACK would leave it waiting for good, and the pacer held a run's clock at real time for it.
        if (framing == null && (connection.link().readsPackets() || !started && connection.mayUseTopicAliases()
                || direction == Direction.DOWNSTREAM && connection.awaitsBrokerAnswers())) {
            framing = new MqttFraming(connection.mqttVersion());
            aliases = new TopicAliases();
            standIn = new StandInReceiver();
        }
        started = true;
        if (framing == null) {
            judged(null, bytes);
        } else {
            framing.split(bytes, this::judged);
        }
    }

    /** Sends bytes the proxy made itself (which it owns) to the target, after those already on their way. */
    void inject(ByteBuf bytes) {
        send(bytes, 0);
        flush();
    }

    /** Writes what was forwarded without delay; delayed bytes are flushed when they leave. */
    void flush() {
        Channel target = connection.target(direction);
        if (target != null) {
            target.flush();
        }
    }

    /** The source has closed: what it sent of an unfinished packet still goes, then the close as the faults say. */
    void sourceClosed() {
        if (framing != null) {
            forward(framing.finish(), 0);
            flush();
        }
        passOnClose();
    }

    /** Passes the source's close on to the target unless a fault withholds it; asked again when faults change. */
    void passOnClose() {
        Channel target = connection.target(direction);
        if (closing || target == null || !target.isOpen()) {
            return;
        }
        LinkFault.Verdict verdict = connection.link().verdictOnClose(connection, direction);
        if (verdict.forward()) {
            closing = true;
            send(null, verdict.delayMillis());
        }
    }

    /** Whether what comes from the source is read packet by packet, now or from its next bytes on. */
    boolean readsPackets() {
        return framing != null ? !framing.passesUnframed() : connection.link().readsPackets();
    }

    /** Reads the source again once the target and the held bytes leave room. */
    void resumeIfRoom() {
        Channel target = connection.target(direction);
        if (target != null && target.isWritable() && heldBytes <= MAX_HELD_BYTES) {
            connection.target(direction.opposite()).config().setAutoRead(true);
        }
    }

    private void judged(MqttMessage packet, ByteBuf bytes) {
        if (packet != null && connection.answersTheProxysPing(direction, packet)) {
            bytes.release();
            return;
        }
        if (packet != null && direction == Direction.DOWNSTREAM) {
            connection.readFromTheBroker(packet);
        }
        if (packet != null && connection.pipe(direction.opposite()).sendsCopyAcknowledgedBy(packet)) {
            bytes.release();
            return;
        }
        Optional<MqttMessage> completion = packet == null ? Optional.empty() : standIn.answerRelease(packet);
        if (completion.isPresent()) {
            // The receiver never saw the publish that this PUBREL releases: the proxy, which took its place, completes it.
            bytes.release();
            answerSender(completion.get());
            return;
        }
        MqttMessage resolved = packet == null ? null : aliases.resolve(packet);
        // Asked even when the target is gone, so that a fault counts its drops after the other side hung up.
        LinkFault.Verdict verdict = connection.link().verdict(connection, direction, bytes.readableBytes(), resolved);
        if (verdict.forward()) {
            Channel target = connection.target(direction);
            if (packet != null && target != null && target.isActive()) {
                connection.forwardedPacket(direction, packet, verdict.delayMillis());
            }
            ByteBuf sent = packet == null ? bytes : aliases.forwarded(packet, resolved, bytes, connection::encode);
            ByteBuf again = !verdict.duplicate() ? null
                    : connection.speaksMqttFive() ? copies().copyNow(packet, resolved, sent, connection::encode)
                    : MqttFraming.redelivery(packet, sent);
            forward(sent, verdict.delayMillis());
            if (again != null) {
                forward(again, verdict.delayMillis());
            }
        } else {
            bytes.release();
            if (packet != null) {
                aliases.dropped(packet);
            }
            if (verdict.acknowledged() && packet != null) {
                standIn.answerDropped(packet).ifPresent(this::answerSender);
                if (direction == Direction.UPSTREAM && packet.fixedHeader().messageType() == MqttMessageType.PUBLISH) {
                    connection.letTheBrokerHearFromTheDevice();
                }
            }
        }
    }

    private MqttFiveCopies copies() {
        if (copies == null) {
            copies = new MqttFiveCopies();
        }
        return copies;
    }

    /** Whether {@code packet}, read from this pipe's target, acknowledges a publish whose copy was held: the copy goes now. */
    boolean sendsCopyAcknowledgedBy(MqttMessage packet) {
        ByteBuf copy = copies == null ? null : copies.releasedBy(packet);
        if (copy == null) {
            return false;
        }
        inject(copy);
        if (direction == Direction.UPSTREAM) {
            connection.sentToTheBroker(((MqttMessageIdVariableHeader) packet.variableHeader()).messageId(), 0);
        }
        return true;
    }

    /** The connection has ended: what this pipe still held for later goes nowhere. */
    void discardHeld() {
        if (copies != null) {
            copies.discard();
        }
    }

    /** Sends {@code answer} back to the side this pipe reads from, in that side's MQTT version. */
    private void answerSender(MqttMessage answer) {
        connection.pipe(direction.opposite()).inject(connection.encode(answer));
    }

    private void forward(ByteBuf bytes, long delayMillis) {
        if (!bytes.isReadable()) {
            bytes.release();
            return;
        }
        send(bytes, delayMillis);
        Channel target = connection.target(direction);
        if (target != null && (!target.isWritable() || heldBytes > MAX_HELD_BYTES)) {
            connection.target(direction.opposite()).config().setAutoRead(false);
        }
    }

    private void send(ByteBuf bytesOrClose, long delayMillis) {
        if (held.isEmpty() && delayMillis == 0) {
            leave(bytesOrClose);
            return;
        }
        lastDue = Math.max(lastDue, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis));
        held.add(new Held(bytesOrClose, lastDue));
        heldBytes += bytesOrClose == null ? 0 : bytesOrClose.readableBytes();
        scheduleNext();
    }

    private void releaseDue() {
        timerSet = false;
        long now = System.nanoTime();
        while (!held.isEmpty() && held.peek().due() - now <= 0) {
            ByteBuf bytes = held.remove().bytes();
            heldBytes -= bytes == null ? 0 : bytes.readableBytes();
            leave(bytes);
        }
        flush();
        scheduleNext();
        resumeIfRoom();
    }

    private void scheduleNext() {
        if (!timerSet && !held.isEmpty()) {
            timerSet = true;
            connection.loop().schedule(() -> connection.link().guarded("releasing delayed bytes", this::releaseDue),
                    held.peek().due() - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
    }

    private void leave(ByteBuf bytesOrClose) {
        Channel target = connection.target(direction);
        if (bytesOrClose == null) {
            // Bytes already written still reach the target before its FIN.
            target.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else if (target == null || !target.isActive()) {
            bytesOrClose.release();
        } else {
            connection.forwarded(direction, bytesOrClose.readableBytes());
            target.write(bytesOrClose);
        }
    }
}
