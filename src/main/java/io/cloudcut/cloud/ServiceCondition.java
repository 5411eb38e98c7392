package io.cloudcut.cloud;

import io.cloudcut.scenario.Rate;
import io.vertx.core.json.JsonObject;

import java.time.Duration;

/**
 * How a cloud service behaves: {@code up}; {@code down} (stops answering); {@code error} (answers,
 * with an error, where its protocol has answers); {@code slow} (answers after {@code latency}, real
 * time, like the network and protocol wait it stands for); {@code throttled} (takes requests at
 * {@code rate}, on the scenario clock like the renewals and reports it meets, queues up to
 * {@code queue} more and turns the rest away, as auth did in the 2021 reconnect storm).
 *
 * @param cause the faulted service that put this one in this condition (itself when faulted directly)
 * @param rate  null unless throttled
 */
public record ServiceCondition(Kind kind, String cause, Duration latency, Rate rate, int queue) {

    /** The conditions a service can be in; a fault names one of these but {@code up}. */
    public enum Kind { UP, DOWN, ERROR, SLOW, THROTTLED }

    public static final ServiceCondition UP = new ServiceCondition(Kind.UP, null, Duration.ZERO, null, 0);

    public static ServiceCondition down(String cause) {
        return new ServiceCondition(Kind.DOWN, cause, Duration.ZERO, null, 0);
    }

    /** Whether services that need this one are down with it: a service that does not answer takes them down, a slow one does not. */
    boolean takesDependentsDown() {
        return kind == Kind.DOWN || kind == Kind.ERROR;
    }

    JsonObject toJson() {
        return new JsonObject().put("kind", kind.name()).put("cause", cause).put("latencyMillis", latency.toMillis())
                .put("rate", rate == null ? null : new JsonObject().put("count", rate.count())
                        .put("periodNanos", rate.period().toNanos()))
                .put("queue", queue);
    }

    static ServiceCondition fromJson(JsonObject json) {
        JsonObject rate = json.getJsonObject("rate");
        return new ServiceCondition(Kind.valueOf(json.getString("kind")), json.getString("cause"),
                Duration.ofMillis(json.getLong("latencyMillis", 0L)),
                rate == null ? null : new Rate(rate.getDouble("count"), Duration.ofNanos(rate.getLong("periodNanos"))),
                json.getInteger("queue", 0));
    }
}
