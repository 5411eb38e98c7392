package io.cloudcut.cloud;

import io.cloudcut.observation.ServiceObserved;
import io.vertx.core.json.JsonObject;

import java.time.Duration;

/**
 * Slow: each message is handled {@code latency} after it came, in real time: a slow service stands for
 * a network and protocol wait, which the scale does not shorten.
 */
record ServiceSlow(String cause, Duration latency) implements ServiceCondition {

    @Override
    public ServiceObserved.Condition observed() {
        return ServiceObserved.Condition.SLOW;
    }

    @Override
    public Treatment treatmentAt(ServiceDesk service) {
        return (topic, message) -> service.after(latency, () -> service.handle(topic, message));
    }

    @Override
    public JsonObject fields() {
        return new JsonObject().put("latencyMillis", latency.toMillis());
    }
}
