package io.cloudcut.broker;

/**
 * The broker closed a client's connection of its own accord: {@code reason} is the MQTT 5 reason code's name
 * ({@code TOPIC_ALIAS_INVALID}, {@code SESSION_TAKEN_OVER}; null when it gave none), {@code reasonString} its words
 * (null: none). The client may see only its socket close, before it reads the broker's DISCONNECT.
 */
public record ServerDisconnect(String clientId, String reason, String reasonString) {
}
