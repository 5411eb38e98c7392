package io.cloudcut.cloud;

import io.vertx.core.json.JsonObject;

/** What a service does with each well-formed message while in one {@link ServiceCondition}. */
interface Treatment {

    void receive(String topic, JsonObject message);

    /** The service leaves the condition: whatever still waits in it is dealt with now. */
    default void leave() {
    }
}
