package io.cloudcut.cloud;

import io.cloudcut.observation.ServiceObserved;
import io.cloudcut.scenario.FaultSpec;
import io.cloudcut.scenario.Rate;
import io.vertx.core.json.JsonObject;

import java.time.Duration;

/**
 * A condition a cloud service is in, and how it treats each message meanwhile: {@link ServiceUp up};
 * {@link ServiceDown down} (stops answering); {@link ServiceErroring error} (answers, with an error, where
 * its protocol has answers); {@link ServiceSlow slow} (answers after a latency of real time);
 * {@link ServiceThrottled throttled} (takes requests at a rate on the scenario clock, queues some and
 * turns the rest away). One small value class each; a condition goes to its service over the event
 * bus as JSON, named by its kind.
 */
public sealed interface ServiceCondition permits ServiceUp, ServiceDown, ServiceErroring, ServiceSlow, ServiceThrottled {

    ServiceCondition UP = new ServiceUp();

    static ServiceCondition down(String cause) {
        return new ServiceDown(cause);
    }

    /** The condition a service fault of a scenario puts its service in; {@code fault} targets a service. */
    static ServiceCondition of(FaultSpec fault) {
        return switch (fault.serviceFault().orElseThrow()) {
            case DOWN -> new ServiceDown(fault.service());
            case ERROR -> new ServiceErroring(fault.service());
            case SLOW -> new ServiceSlow(fault.service(), fault.latency());
            case THROTTLED -> new ServiceThrottled(fault.service(), fault.rate(), fault.queue());
        };
    }

    /** The faulted service that put this one in this condition (itself when faulted directly); null when up. */
    String cause();

    /** The condition as observations and reports name it. */
    ServiceObserved.Condition observed();

    /** Whether services that need this one are down with it: a service that does not answer takes them down, a slow one does not. */
    default boolean takesDependentsDown() {
        return false;
    }

    /** How {@code service} treats each well-formed message from the moment it enters this condition. */
    Treatment treatmentAt(ServiceDesk service);

    /** The condition's own fields, beside its kind and cause. */
    default JsonObject fields() {
        return new JsonObject();
    }

    default JsonObject toJson() {
        return fields().put("kind", observed().name()).put("cause", cause());
    }

    static ServiceCondition fromJson(JsonObject json) {
        String cause = json.getString("cause");
        return switch (ServiceObserved.Condition.valueOf(json.getString("kind"))) {
            case UP -> UP;
            case DOWN -> new ServiceDown(cause);
            case ERROR -> new ServiceErroring(cause);
            case SLOW -> new ServiceSlow(cause, Duration.ofMillis(json.getLong("latencyMillis")));
            case THROTTLED -> new ServiceThrottled(cause, new Rate(json.getDouble("rateCount"),
                    Duration.ofNanos(json.getLong("ratePeriodNanos"))), json.getInteger("queue"));
            case RESTARTING -> throw new IllegalArgumentException("a cloud service is never " + json.getString("kind"));
        };
    }
}
