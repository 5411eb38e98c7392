package io.cloudcut.fault;

import io.netty.handler.codec.mqtt.MqttMessage;

/**
 * One kind of network fault on a link, in the manner of a Toxiproxy toxic. The link calls these hooks
 * on its own event loop, one at a time, so an implementation needs no locking; a hook must not block
 * (a fault that needs time returns a {@link Verdict#delay(long) delay} or schedules through its
 * {@link LinkControl}). Every hook has a harmless default, so a fault overrides only what it changes.
 * Several faults on one link are asked in the order they were applied; see {@link Verdict#then}.
 */
public interface LinkFault {

    /**
     * What happens to bytes (or a close) read from one side before they reach the other.
     *
     * @param forward     false: bytes are discarded and counted in {@link LinkStats#bytesDropped()}; a close
     *                    is not passed on, so the other side stays open until the fault changes
     * @param delayMillis how long forwarded bytes or a close wait; they never overtake what was read
     *                    before them in the same direction
     * @param duplicate   forwarded bytes go twice, as a network that duplicates packets delivers them; a
     *                    repeated MQTT PUBLISH of QoS 1 or 2 is marked DUP, as a sender's redelivery is
     * @param acknowledged a dropped MQTT PUBLISH of QoS 1 or 2 is acknowledged to its sender by the proxy, as
     *                    by a receiver that took it and discarded it (PUBACK; PUBREC, then PUBCOMP for its
     *                    PUBREL), so that the sender does not send it again
     */
    record Verdict(boolean forward, long delayMillis, boolean duplicate, boolean acknowledged) {

        public static final Verdict FORWARD = new Verdict(true, 0, false);
        public static final Verdict DROP = new Verdict(false, 0, false);
        public static final Verdict ACKNOWLEDGED_DROP = new Verdict(false, 0, false, true);
        public static final Verdict DUPLICATE = new Verdict(true, 0, true);

        public Verdict {
            if (delayMillis < 0 || !forward && (delayMillis > 0 || duplicate)) {
                throw new IllegalArgumentException("A delay or a duplicate is for forwarded bytes, and a delay is never negative: "
                        + delayMillis);
            }
            if (forward && acknowledged) {
                throw new IllegalArgumentException("Only dropped packets are acknowledged by the proxy");
            }
        }

        public Verdict(boolean forward, long delayMillis, boolean duplicate) {
            this(forward, delayMillis, duplicate, false);
        }

        public static Verdict delay(long millis) {
            return millis == 0 ? FORWARD : new Verdict(true, millis, false);
        }

        /** This verdict followed by the next fault's: a drop wins, delays add up as in a chain of links, a duplicate stays one. */
        public Verdict then(Verdict next) {
            return !forward || next == FORWARD ? this : !next.forward ? next
                    : new Verdict(true, delayMillis + next.delayMillis, duplicate || next.duplicate);
        }
    }

    /** The name under which {@link LinkFaults} knows this kind of fault. */
    String name();

    /** Whether the link keeps its listening socket open while this fault is active; ask again through {@link LinkControl}. */
    default boolean acceptsConnections() {
        return true;
    }

    /**
     * Whether a connection accepted while this fault is active is connected to the broker; if not, it
     * is held, the broker never hearing of it, until the link's faults allow it.
     */
    default boolean opensUpstream() {
        return true;
    }

    /**
     * Whether the fault does all it does when applied ({@link #onApply}) and nothing afterwards, so that
     * the fault API reports it done instead of keeping it active.
     */
    default boolean oneShot() {
        return false;
    }

    /**
     * Whether devices learn of this fault as it is applied (their connections closed, new ones refused) or
     * never (their open connections carry on), rather than by a keepalive or an ack time-out running out:
     * the scenario clock then need not run in real time for those time-outs after the fault is applied.
     */
    default boolean noticedAtOnce() {
        return false;
    }

    /** Called once when the fault becomes active, with the connections already open. */
    default void onApply(LinkControl link) {
    }

    /** Called once when the fault is removed from the link; its scheduled tasks are cancelled already. */
    default void onRemove(LinkControl link) {
    }

    /** Called for each connection accepted while the fault is active, before it is connected upstream. */
    default void onNewConnection(ProxiedConnection connection) {
    }

    /**
     * Whether the link should cut the byte streams into MQTT packets and ask {@link #onPacket} about
     * each. Streams that are not MQTT, or that a fault joined in the middle of a packet, pass unjudged.
     */
    default boolean readsPackets() {
        return false;
    }

    /** Decides the fate of one whole MQTT packet; asked before {@link #onBytes} for the packet's bytes. */
    default Verdict onPacket(Direction direction, MqttMessage packet) {
        return Verdict.FORWARD;
    }

    /** Decides the fate of {@code length} bytes read from one side of a connection. */
    default Verdict onBytes(Direction direction, int length) {
        return Verdict.FORWARD;
    }

    /**
     * Decides whether one side closing (travelling in {@code direction}) closes the other side too, and
     * when. Asked again for connections left half open when the link's faults change.
     */
    default Verdict onClose(Direction direction) {
        return Verdict.FORWARD;
    }
}
