package io.cloudcut.fault;

import java.util.List;

/**
 * The connections of a link that one fault acts on: those whose MQTT client id matches one of
 * {@code clients} (every connection if none are given), and of those the share its {@link Toxicity}
 * draws. A choice by client id is made once the connection's CONNECT is read; until then the fault
 * leaves the connection alone.
 */
record ConnectionChoice(List<ClientPattern> clients, Toxicity toxicity) {

    static final ConnectionChoice EVERY = new ConnectionChoice(List.of(), Toxicity.EVERY);

    ConnectionChoice {
        clients = List.copyOf(clients);
    }

    /** Whether it picks every connection: no client ids, a toxicity of 1. */
    boolean everyConnection() {
        return clients.isEmpty() && toxicity.share() >= 1;
    }

    /** Whether the choice waits for the client id, which is read from the CONNECT after the connection is accepted. */
    boolean byClientId() {
        return !clients.isEmpty();
    }

    /** @param clientId null while the CONNECT is unread */
    boolean chooses(long connectionNumber, String clientId) {
        boolean named = clients.isEmpty() || clientId != null && clients.stream().anyMatch(pattern -> pattern.matches(clientId));
        return named && toxicity.draws(connectionNumber);
    }
}
