package io.cloudcut.dashboard.mqtt;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What the conventions of every kind share: one device's topics under a base topic (its
 * availability at {@code <base>/status}), and Home Assistant discovery configs that each carry a
 * unique id, the device they belong to (one per emulated device, its model as the model), and
 * availability on the will topic.
 */
abstract class DeviceTopics implements DeviceConventions {

    /** Home Assistant's default discovery prefix. */
    static final String DISCOVERY_PREFIX = "homeassistant";
    /** The node id of every CloudCut entity, so that they sit together under the prefix. */
    private static final String NODE_ID = "cloudcut";

    protected final String deviceId;
    protected final String modelId;
    protected final String base;

    DeviceTopics(String deviceId, String modelId, String base) {
        this.deviceId = deviceId;
        this.modelId = modelId;
        this.base = base;
    }

    @Override
    public final String baseTopic() {
        return base;
    }

    @Override
    public final String availabilityTopic() {
        return base + "/status";
    }

    /**
     * A config at {@code homeassistant/<component>/cloudcut/<device>_<suffix>/config} with the keys
     * every entity carries, and {@code keys}.
     */
    protected final DiscoveryConfig config(String component, String suffix, JsonObject keys) {
        String objectId = safe(deviceId) + "_" + suffix;
        return new DiscoveryConfig(DISCOVERY_PREFIX + "/" + component + "/" + NODE_ID + "/" + objectId + "/config",
                new JsonObject()
                        // No object_id: Home Assistant names the entity from the device and the entity's name.
                        .put("unique_id", NODE_ID + "_" + objectId)
                        .put("device", new JsonObject()
                                .put("identifiers", new JsonArray().add(NODE_ID + "_" + safe(deviceId)))
                                .put("name", deviceId)
                                .put("model", modelId)
                                .put("manufacturer", "CloudCut (emulated)"))
                        .put("availability", new JsonArray().add(new JsonObject()
                                .put("topic", availabilityTopic())
                                .put("payload_available", ONLINE)
                                .put("payload_not_available", OFFLINE)))
                        .put("qos", 1)
                        .mergeIn(keys));
    }

    /** Home Assistant takes only letters, digits, {@code _} and {@code -} in ids; MQTT wildcards must not get into topics. */
    static String safe(String id) {
        // Topics are made from it on every state a device shows, not kept (a device's heap is counted): no regex there.
        char[] chars = null;
        for (int index = 0; index < id.length(); index++) {
            if (!allowed(id.charAt(index))) {
                chars = chars == null ? id.toCharArray() : chars;
                chars[index] = '_';
            }
        }
        return chars == null ? id : new String(chars);
    }

    private static boolean allowed(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }
}
