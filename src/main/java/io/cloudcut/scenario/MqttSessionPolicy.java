package io.cloudcut.scenario;

import java.time.Duration;

/**
 * The MQTT session a device asks the broker for: with {@code cleanStart} off the broker keeps its
 * subscriptions and queues QoS 1 messages for it while it is away, for {@code expiry} (real time,
 * like the protocol that times it; MQTT 3.1.1 clients have no expiry: their session lasts until the
 * broker drops it).
 */
public record MqttSessionPolicy(Boolean cleanStart, Duration expiry) {

    public MqttSessionPolicy {
        cleanStart = Checks.orDefault(cleanStart, true);
        expiry = Checks.orDefault(expiry, Duration.ZERO);
        Checks.check(!expiry.isNegative(), "expiry must not be negative");
    }

    static MqttSessionPolicy defaults() {
        return new MqttSessionPolicy(null, null);
    }
}
