package io.cloudcut.dashboard.mqtt;

import io.vertx.core.json.JsonObject;

/**
 * One Home Assistant MQTT discovery config: published retained on {@code topic}, it makes Home
 * Assistant create the entity; an empty retained payload on the same topic removes it.
 */
public record DiscoveryConfig(String topic, JsonObject config) {
}
