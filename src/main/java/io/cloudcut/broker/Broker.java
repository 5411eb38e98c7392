package io.cloudcut.broker;

import java.util.Optional;

/**
 * A running MQTT broker that devices connect to. Obtain one from {@link Brokers#start(BrokerSettings)}.
 *
 * <p>{@link EmbeddedBroker} additionally supports stopping, starting and restarting, for broker faults.
 */
public interface Broker extends AutoCloseable {

    /** Where clients connect. Stays the same for the broker's lifetime, also across restarts. */
    BrokerEndpoint endpoint();

    /** Where clients connect over TLS, if the broker has a TLS listener (only an embedded broker started with {@link BrokerTls}). */
    default Optional<BrokerEndpoint> tlsEndpoint() {
        return Optional.empty();
    }

    /** One line for humans, e.g. {@code embedded HiveMQ CE 2025.5 on 127.0.0.1:41234 (in-memory)}. */
    String description();

    /**
     * Releases the broker: an embedded broker is stopped and its temporary folders are deleted; an
     * external broker is left running untouched. Idempotent; problems are logged, never thrown.
     */
    @Override
    void close();
}
