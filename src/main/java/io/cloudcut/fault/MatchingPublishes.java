package io.cloudcut.fault;

import io.cloudcut.scenario.LinkFaultKind;
import io.cloudcut.scenario.WireNames;
import io.netty.handler.codec.mqtt.MqttMessage;

/**
 * Does one thing to every PUBLISH packet whose topic matches the filter in {@code topic} and lets
 * every other packet through. Three fault kinds are made of it:
 * <ul>
 *   <li>{@code drop-publish}: such packets vanish, acknowledged to their sender as by a broker whose
 *   ACL or bridge silently discards one kind of message (Mosquitto acknowledges a denied publish), so
 *   that the sender forgets them;</li>
 *   <li>{@code lose-publish}: such packets vanish unacknowledged, as packet loss does: a QoS 1 or 2
 *   sender keeps them pending and sends them again on its next connection;</li>
 *   <li>{@code delay-publish}: they wait {@code delay} ms, as in a congested bridge or rule engine;
 *   packets behind them wait too, because TCP keeps order;</li>
 *   <li>{@code duplicate-publish}: they arrive twice, the copy marked DUP when its QoS is above 0,
 *   as from a client or bridge that resends after a lost ack: what is tested is the receiver's
 *   duplicate detection (QoS 1 promises at least once, not once).</li>
 * </ul>
 */
final class MatchingPublishes implements LinkFault {

    static final String DROP = WireNames.of(LinkFaultKind.DROP_PUBLISH);
    static final String LOSE = WireNames.of(LinkFaultKind.LOSE_PUBLISH);
    static final String DELAY = WireNames.of(LinkFaultKind.DELAY_PUBLISH);
    static final String DUPLICATE = WireNames.of(LinkFaultKind.DUPLICATE_PUBLISH);

    private final String name;
    private final TopicFilter topics;
    private final Verdict verdict;

    private MatchingPublishes(String name, FaultAttributes attributes, Verdict verdict) {
        this.name = name;
        this.topics = TopicFilter.from(attributes);
        this.verdict = verdict;
    }

    static MatchingPublishes dropped(FaultAttributes attributes) {
        return new MatchingPublishes(DROP, attributes, Verdict.ACKNOWLEDGED_DROP);
    }

    static MatchingPublishes lost(FaultAttributes attributes) {
        return new MatchingPublishes(LOSE, attributes, Verdict.DROP);
    }

    static MatchingPublishes delayed(FaultAttributes attributes) {
        return new MatchingPublishes(DELAY, attributes, Verdict.delay(attributes.millis("delay", 1_000)));
    }

    static MatchingPublishes duplicated(FaultAttributes attributes) {
        return new MatchingPublishes(DUPLICATE, attributes, Verdict.DUPLICATE);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean readsPackets() {
        return true;
    }

    @Override
    public Verdict onPacket(Direction direction, MqttMessage packet) {
        return topics.matchesPublish(packet) ? verdict : Verdict.FORWARD;
    }
}
