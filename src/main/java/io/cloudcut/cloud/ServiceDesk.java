package io.cloudcut.cloud;

import io.cloudcut.scenario.ScenarioClock;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.concurrent.Executor;

/** What a {@link Treatment} may do with a message at its service, each counted by the service; on the service's event loop. */
interface ServiceDesk {

    String name();

    void handle(String topic, JsonObject message);

    void refuse(String topic, JsonObject message, String reason);

    /** Drops the message unanswered, as a service whose workers are stuck does. */
    void ignore();

    /** Runs {@code work} on the service's event loop after {@code delay} of real time. */
    void after(Duration delay, Runnable work);

    ScenarioClock clock();

    /** Runs work on the service's event loop, from any thread. */
    Executor onLoop();
}
