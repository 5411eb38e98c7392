package io.cloudcut.cloud;

import io.cloudcut.observation.ServiceObserved;
import io.cloudcut.scenario.Rate;
import io.vertx.core.json.JsonObject;

/**
 * Throttled: messages are taken at {@code rate}, on the scenario clock like the renewals and reports
 * they are, up to {@code queue} more wait their turn, and the rest are turned away, as auth did in the
 * 2021 reconnect storm. Leaving the condition lets what still waits through at once. Each message it lets through
 * says how long it was held ({@link Holds}).
 */
record ServiceThrottled(String cause, Rate rate, int queue) implements ServiceCondition {

    @Override
    public ServiceObserved.Condition observed() {
        return ServiceObserved.Condition.THROTTLED;
    }

    @Override
    public Treatment treatmentAt(ServiceDesk service) {
        Throttle throttle = new Throttle(service.clock(), service.onLoop(), rate, queue);
        return new Treatment() {
            @Override
            public void receive(String topic, JsonObject message) {
                long queuedAtMillis = service.clock().nowMillis();
                long queuedAtNanos = System.nanoTime();
                if (!throttle.offer(() -> service.handle(topic, Holds.added(message, service.clock().nowMillis() - queuedAtMillis,
                        (System.nanoTime() - queuedAtNanos) / 1_000_000)))) {
                    service.refuse(topic, message, service.name() + ": throttled, try again later");
                }
            }

            @Override
            public void leave() {
                throttle.release();
            }
        };
    }

    @Override
    public JsonObject fields() {
        return new JsonObject().put("rateCount", rate.count()).put("ratePeriodNanos", rate.period().toNanos()).put("queue", queue);
    }
}
