package io.cloudcut.cloud;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A service's canary counts the ones that came back late, and nothing a closed connection had under way. */
@Execution(ExecutionMode.CONCURRENT)
class CanaryTest {

    private static final long MILLI = 1_000_000;

    private final Canary canary = new Canary();

    @Test
    void countsOnlyTheCanariesThatCameBackLate() {
        String prompt = canary.send(0);
        String slow = canary.send(250 * MILLI);
        canary.arrived(prompt, 40 * MILLI, 60_000, true);
        canary.arrived(slow, 250 * MILLI + Canary.LATE.toNanos() + 1, 7_200_000, true);

        JsonObject figures = canary.toJson(0);
        assertThat(figures.getLong("sent")).isEqualTo(2);
        assertThat(figures.getLong("late")).isEqualTo(1);
        assertThat(figures.getLong("worstMillis")).isEqualTo(Canary.LATE.toMillis());
        assertThat(figures.getLong("firstLateAtMillis")).isEqualTo(7_200_000);
        assertThat(Canary.problem("ingest", figures)).hasValue("cloud service ingest fell behind: 1 of its 2 own "
                + "messages through the broker took over 1000 ms to reach it (worst 1.0 s, first at 2h of scenario "
                + "time): cloud-path probes could fail from then on because the emulated cloud could not keep up, "
                + "not because of the devices");
    }

    @Test
    void aCloudThatKeptUpHasNoProblem() {
        canary.arrived(canary.send(0), Canary.LATE.toNanos(), 0, true);

        assertThat(canary.toJson(0).getLong("late")).isZero();
        assertThat(Canary.problem("auth", canary.toJson(0))).isEmpty();
    }

    @Test
    void aCanaryLateBeforeTheRunIsMeasuredIsNotCounted() {
        String starting = canary.send(0);
        canary.arrived(starting, Duration.ofSeconds(3).toNanos(), 0, false);

        assertThat(canary.toJson(0).getLong("arrived")).isEqualTo(1);
        assertThat(canary.toJson(0).getLong("late")).isZero();
    }

    @Test
    void whatAClosedConnectionHadUnderWayIsNotCounted() {
        String underWay = canary.send(0);
        canary.connectionLost();
        canary.arrived(underWay, Duration.ofMinutes(1).toNanos(), 0, true);

        assertThat(canary.toJson(0).getLong("late")).isZero();
        assertThat(canary.toJson(0).getLong("worstMillis")).isZero();
    }

    @Test
    void saysWhenNoCanaryEverCameBack() {
        for (int sent = 0; sent < Canary.NEVER_BACK_AFTER - 1; sent++) {
            canary.send(sent);
        }
        assertThat(Canary.problem("notify", canary.toJson(0))).as("a few seconds' worth not back yet").isEmpty();

        canary.send(Canary.NEVER_BACK_AFTER);
        assertThat(Canary.problem("notify", canary.toJson(0))).hasValue("cloud service notify never got back any of its "
                + Canary.NEVER_BACK_AFTER + " own messages on cloudcut/cloud/canary/notify (does the broker's ACL allow "
                + "it?): the harness cannot tell whether the emulated cloud kept up");
    }

    @Test
    void ignoresWhatIsNotOneOfItsCanaries() {
        canary.send(0);
        canary.arrived("{\"kind\":\"status\"}", Duration.ofMinutes(1).toNanos(), 0, true);
        canary.arrived(String.valueOf(5 * MILLI), Duration.ofMinutes(1).toNanos(), 0, true);

        assertThat(canary.toJson(0).getLong("late")).isZero();
    }

    @Test
    void aServiceIsAsFarBehindAsItsOldestCanaryOnItsWay() {
        canary.arrived(canary.send(0), 10 * MILLI, 0, false);
        canary.send(100 * MILLI);
        canary.send(350 * MILLI);
        long now = 100 * MILLI + Canary.LATE.toNanos() + 500 * MILLI;

        assertThat(canary.behindMillis(now)).isEqualTo(Canary.LATE.toMillis() + 500);
        assertThat(Canary.behindMillisOf(canary.toJson(now))).isEqualTo(Canary.LATE.toMillis() + 500);
        assertThat(Canary.behindMillisOf(canary.toJson(100 * MILLI + 40 * MILLI))).isEqualTo(40);
    }

    @Test
    void aServiceWithNoCanaryOnItsWayIsNotBehind() {
        canary.arrived(canary.send(0), 10 * MILLI, 0, false);
        assertThat(canary.behindMillis(60_000 * MILLI)).isZero();
        assertThat(Canary.behindMillisOf(canary.toJson(60_000 * MILLI))).isZero();
    }

    /** The broker dropped one from a full queue: the service is behind by the ones still on their way after it, not for ever. */
    @Test
    void aCanaryTheBrokerDroppedIsNotWaitedForOnceALaterOneIsBack() {
        canary.send(0);
        String later = canary.send(250 * MILLI);
        String last = canary.send(500 * MILLI);
        canary.arrived(later, 300 * MILLI, 0, true);

        assertThat(canary.behindMillis(Duration.ofMinutes(1).toNanos())).isEqualTo(60_000 - 500);
        canary.arrived(last, 600 * MILLI, 0, true);
        assertThat(canary.behindMillis(Duration.ofMinutes(1).toNanos())).isZero();
        assertThat(canary.toJson(0).getLong("arrived")).isEqualTo(2);
    }

    /** An ACL that predates the canary drops every one: waiting for the service to catch up would not end. */
    @Test
    void aServiceThatNeverGotACanaryBackIsNotWaitedFor() {
        canary.send(0);
        assertThat(canary.behindMillis(60_000 * MILLI)).as("its own reading").isEqualTo(60_000);
        assertThat(Canary.behindMillisOf(canary.toJson(60_000 * MILLI))).isZero();
    }

    /** A service on several connections is as far behind as its slowest, and its counts are theirs together. */
    @Test
    void severalConnectionsCountAsOneServiceAsFarBehindAsTheSlowest() {
        JsonObject quick = figures(40, 40, 0, 30, -1, 0);
        JsonObject slow = figures(40, 37, 2, 1_800, 5_400_000, 1_300);
        JsonObject laterLate = figures(40, 39, 1, 1_200, 7_200_000, 0);

        JsonObject service = Canary.combined(List.of(quick, slow, laterLate));

        assertThat(service).isEqualTo(figures(120, 116, 3, 1_800, 5_400_000, 1_300));
        assertThat(Canary.behindMillisOf(service)).isEqualTo(1_300);
        assertThat(Canary.combined(List.of(quick))).isSameAs(quick);
    }

    private static JsonObject figures(long sent, long arrived, long late, long worstMillis, long firstLateAtMillis,
                                      long behindMillis) {
        return new JsonObject().put("sent", sent).put("arrived", arrived).put("late", late).put("worstMillis", worstMillis)
                .put("firstLateAtMillis", firstLateAtMillis).put("behindMillis", behindMillis);
    }
}
