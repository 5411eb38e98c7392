package io.cloudcut.fault;

import io.netty.handler.codec.mqtt.MqttVersion;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the proxy knows of one client connection: who (from its CONNECT), its state with the time of
 * each change, and what went each way. Written on the link's event loop, read from any thread; each
 * change of state is announced on the proxy's {@link ProxyEvents}.
 */
final class ConnectionRecord {

    private final String id;
    private final String link;
    private final long number;
    private final ProxyEvents events;
    private final AtomicLong bytesUp = new AtomicLong();
    private final AtomicLong bytesDown = new AtomicLong();
    private final AtomicLong packetsUp = new AtomicLong();
    private final AtomicLong packetsDown = new AtomicLong();
    private final Map<ConnectionState, Instant> since = new EnumMap<>(ConnectionState.class);
    private final List<Integer> connackCodes = new ArrayList<>();
    private ConnectionState state;
    /** When the client's connection was accepted ({@link System#nanoTime}): its connect began then, as far as the proxy sees. */
    private final long acceptedNanos = System.nanoTime();
    private String clientId;
    private MqttVersion version;

    ConnectionRecord(String link, long number, ProxyEvents events) {
        this.id = link + "-" + number;
        this.link = link;
        this.number = number;
        this.events = events;
        enter(ConnectionState.CONNECTING, Map.of());
    }

    String id() {
        return id;
    }

    long number() {
        return number;
    }

    synchronized String clientId() {
        return clientId;
    }

    synchronized boolean isClosed() {
        return state == ConnectionState.CLOSED;
    }

    /**
     * How long, at {@code nowNanos}, this connection has waited for the broker's first bytes, its CONNACK (a broker
     * sends nothing before it; read without cutting the stream into packets); -1 once they came or it closed.
     */
    long connectingNanos(long nowNanos) {
        return isClosed() ? -1 : unansweredNanos(nowNanos);
    }

    /** How long, at {@code nowNanos}, since it was accepted if the broker never answered it, open or closed; -1 once it did. */
    long unansweredNanos(long nowNanos) {
        return bytesDown.get() == 0 ? nowNanos - acceptedNanos : -1;
    }

    /** Whether the client's connection was accepted before {@code nanos} ({@link System#nanoTime}). */
    boolean acceptedBefore(long nanos) {
        return acceptedNanos - nanos < 0;
    }

    synchronized void identified(String clientId, MqttVersion version) {
        this.clientId = clientId;
        this.version = version;
    }

    /** A CONNACK with {@code code} reached the client, from the broker or from a fault answering in its place. */
    void connack(int code) {
        synchronized (this) {
            connackCodes.add(code);
        }
        enter(code == 0 ? ConnectionState.CONNECTED : ConnectionState.REFUSED, Map.of("connack", code));
    }

    void closed() {
        enter(ConnectionState.CLOSED, Map.of());
    }

    void forwarded(Direction direction, int bytes) {
        (direction == Direction.UPSTREAM ? bytesUp : bytesDown).addAndGet(bytes);
    }

    void forwardedPacket(Direction direction) {
        (direction == Direction.UPSTREAM ? packetsUp : packetsDown).incrementAndGet();
    }

    synchronized ConnectionView view(List<LinkFault> faults) {
        return new ConnectionView(id, link, clientId, version == null ? null : versionLabel(version), state,
                Map.copyOf(since), bytesUp.get(), bytesDown.get(), packetsUp.get(), packetsDown.get(),
                List.copyOf(connackCodes), faults);
    }

    private void enter(ConnectionState next, Map<String, Object> detail) {
        Map<String, Object> about = new LinkedHashMap<>();
        synchronized (this) {
            if (state == next || state == ConnectionState.CLOSED) {
                return;
            }
            state = next;
            since.put(next, Instant.now());
            about.put("connection", id);
            about.put("link", link);
            about.put("clientId", clientId);
        }
        about.putAll(detail);
        events.publish("connection-" + next.label(), about);
    }

    private static String versionLabel(MqttVersion version) {
        return switch (version) {
            case MQTT_3_1 -> "3.1";
            case MQTT_3_1_1 -> "3.1.1";
            case MQTT_5 -> "5";
        };
    }
}
