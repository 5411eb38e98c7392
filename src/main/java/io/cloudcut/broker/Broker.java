package io.cloudcut.broker;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * A running MQTT broker that devices connect to. Obtain one from {@link Brokers#start(BrokerSettings)}.
 *
 * <p>A broker CloudCut runs (the {@link EmbeddedBroker}) also has a {@link #lifecycle()}: it can be stopped,
 * started and restarted in place, for broker faults.
 */
public interface Broker extends AutoCloseable {

    /** Stopping, starting and restarting a broker in place, on the same port: what broker faults do to it. */
    interface Lifecycle {
        /** Starts it again if stopped; does nothing if it runs. */
        void start() throws BrokerException;

        /** Stops it: every client is disconnected and the port closes. Does nothing if stopped. */
        void stop() throws BrokerException;

        /** Stops then starts it; clients must reconnect. */
        void restart() throws BrokerException;
    }

    /** Where clients connect. Stays the same for the broker's lifetime, also across restarts. */
    BrokerEndpoint endpoint();

    /** Where clients connect over TLS, if the broker has a TLS listener (only an embedded broker started with {@link BrokerTls}). */
    default Optional<BrokerEndpoint> tlsEndpoint() {
        return Optional.empty();
    }

    /** Its lifecycle, for broker faults; empty for a broker CloudCut does not run, which it never stops. */
    default Optional<Lifecycle> lifecycle() {
        return Optional.empty();
    }

    /**
     * Why a service's connections sharing its subscriptions may lose messages on this broker, if they may;
     * empty when the broker hands a shared subscription's messages round its members as they come.
     */
    default Optional<String> sharedSubscriptionLoss() {
        return Optional.empty();
    }

    /**
     * From now on, {@code listener} hears of each connection the broker closes of its own accord, with its reason (a
     * client that broke the protocol, a session taken over), on one of the broker's threads. Only a broker CloudCut
     * runs with access control tells; any other says nothing.
     */
    default void onServerDisconnects(Consumer<ServerDisconnect> listener) {
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
