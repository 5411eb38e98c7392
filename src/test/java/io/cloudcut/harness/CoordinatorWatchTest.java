package io.cloudcut.harness;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class CoordinatorWatchTest {

    private static final long START = 1_000_000_000L;
    private static final long LATER = START + CoordinatorWatch.SILENCE.plusSeconds(5).toNanos();

    @Test
    void aCoordinatorThatSendsNothingFallsSilent() {
        CoordinatorWatch watch = new CoordinatorWatch("run-1", START);
        assertThat(watch.silent(START + Duration.ofSeconds(10).toNanos())).isFalse();
        assertThat(watch.silent(LATER)).isTrue();
    }

    @Test
    void itsHeartbeatKeepsItAlive() {
        CoordinatorWatch watch = new CoordinatorWatch("run-1", START);
        watch.heartbeat(LATER - Duration.ofSeconds(1).toNanos());
        assertThat(watch.silent(LATER)).isFalse();
    }

    /** Behind a storm's probes the heartbeat came late; the probes themselves prove the coordinator alive. */
    @Test
    void aDeviceRequestOfTheRunKeepsItAliveWithoutAHeartbeat() {
        CoordinatorWatch watch = new CoordinatorWatch("run-1", START);
        watch.received(MultiMap.caseInsensitiveMultiMap().add("action", "device").add("run", "run-1"),
                new JsonObject().put("function", "clean-button"), LATER - Duration.ofSeconds(1).toNanos());
        assertThat(watch.silent(LATER)).isFalse();
    }

    @Test
    void anOrderNamingTheRunInItsBodyKeepsItAlive() {
        CoordinatorWatch watch = new CoordinatorWatch("run-1", START);
        watch.received(MultiMap.caseInsensitiveMultiMap().add("action", "figures"),
                new JsonObject().put("run", "run-1").put("stretchMillis", 1000), LATER - Duration.ofSeconds(1).toNanos());
        assertThat(watch.silent(LATER)).isFalse();
    }

    @Test
    void anotherRunsTrafficDoesNot() {
        CoordinatorWatch watch = new CoordinatorWatch("run-1", START);
        watch.received(MultiMap.caseInsensitiveMultiMap().add("action", "device").add("run", "run-0"),
                new JsonObject(), LATER - Duration.ofSeconds(1).toNanos());
        watch.received(MultiMap.caseInsensitiveMultiMap().add("action", "deploy"),
                new JsonObject().put("run", "run-2"), LATER - Duration.ofSeconds(1).toNanos());
        assertThat(watch.silent(LATER)).isTrue();
    }
}
