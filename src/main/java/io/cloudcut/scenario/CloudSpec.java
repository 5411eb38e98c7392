package io.cloudcut.scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The emulated cloud: its services and what each needs. A service that is down takes every service
 * that needs it (directly or not) down with it. With {@code persistentSessions}, services keep their
 * MQTT sessions across disconnects (clean session off), so that a broker that persists sessions
 * hands them what arrived while they were away, across a broker restart too.
 */
public record CloudSpec(Path file, Map<String, ServiceSpec> services, boolean persistentSessions) {

    /** Service kinds CloudCut emulates, {@link ServiceKind}'s names; a cloud file names its services after them. */
    public static final Set<String> SERVICE_KINDS = Stream.of(ServiceKind.values()).map(WireNames::of)
            .collect(Collectors.toUnmodifiableSet());

    public CloudSpec {
        services = Map.copyOf(services);
    }

    /**
     * What one service needs, and how many connections it reads through (1 by default): more than one
     * share its subscriptions ({@code $share}), as a backend scales out its consumers, so that no one
     * connection's queue and in-flight window holds the whole fleet's traffic.
     */
    public record ServiceSpec(List<String> needs, Integer connections) {

        /** Enough for the largest fleet a machine holds; each is a connection to the broker. */
        public static final int MAX_CONNECTIONS = 16;

        public ServiceSpec {
            needs = List.copyOf(Checks.orDefault(needs, List.of()));
            connections = Checks.orDefault(connections, 1);
            Checks.check(connections >= 1 && connections <= MAX_CONNECTIONS,
                    "connections must be from 1 to " + MAX_CONNECTIONS + ", not " + connections);
        }

        public ServiceSpec(List<String> needs) {
            this(needs, 1);
        }
    }
}
