package io.cloudcut.cloud;

import io.cloudcut.scenario.Durations;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A service's own message, sent through the broker to itself every {@link #EVERY}: it waits in the
 * same queue as everything the devices and the app send the service, so its delay is how far
 * behind the emulated cloud reads. A real backend scales out under a reconnect storm; the emulated
 * one is one connection in this process, and when it falls behind, cloud-path probes time out
 * because of the harness, not the devices. One that arrives past {@link #LATE} is counted late; one
 * the broker dropped from a full queue is not, but the ones behind it arrive late; and once a later
 * one is back, it is no longer waited for. Confined to the service's context.
 */
final class Canary {

    static final Duration EVERY = Duration.ofMillis(250);
    /** Cloud-path probes wait about a second of real time: a cloud this far behind fails them by itself. */
    static final Duration LATE = Duration.ofSeconds(1);
    /** Five seconds of canaries: none back by then is no broker's ordinary delay. */
    static final int NEVER_BACK_AFTER = 20;

    /** When each canary not yet back was sent (nano time), oldest first. */
    private final NavigableSet<Long> awaited = new TreeSet<>();
    private long sent;
    private long arrived;
    private long late;
    private long worstNanos;
    private long firstLateAtMillis = -1;

    /** The next canary's payload, sent at {@code nowNanos}. */
    String send(long nowNanos) {
        sent++;
        awaited.add(nowNanos);
        return Long.toString(nowNanos);
    }

    /**
     * A canary came back; a payload that is not one of ours is ignored. One late while the run is not
     * {@code measuring} (the fleet starting, before the clock does) delays no probe and is not counted.
     */
    void arrived(String payload, long nowNanos, long scenarioMillis, boolean measuring) {
        long sentNanos;
        try {
            sentNanos = Long.parseLong(payload);
        } catch (NumberFormatException notOurs) {
            return;
        }
        if (!awaited.remove(sentNanos)) {
            return;
        }
        // One connection delivers a topic's messages in order: those sent before it that are not back, the broker dropped.
        awaited.headSet(sentNanos).clear();
        arrived++;
        long delay = nowNanos - sentNanos;
        worstNanos = Math.max(worstNanos, delay);
        if (measuring && delay > LATE.toNanos()) {
            late++;
            if (firstLateAtMillis < 0) {
                firstLateAtMillis = scenarioMillis;
            }
        }
    }

    /**
     * The connection closed (a broker fault, a restart): what was under way is not the service's delay,
     * and what a kept session hands over later is not counted.
     */
    void connectionLost() {
        awaited.clear();
    }

    /** How long the oldest canary still on its way has been, at {@code nowNanos}: how far behind the service is now. */
    long behindMillis(long nowNanos) {
        return awaited.isEmpty() ? 0 : (nowNanos - awaited.first()) / 1_000_000;
    }

    JsonObject toJson(long nowNanos) {
        return new JsonObject().put("sent", sent).put("arrived", arrived).put("late", late).put("worstMillis", worstNanos / 1_000_000)
                .put("firstLateAtMillis", firstLateAtMillis).put("behindMillis", behindMillis(nowNanos));
    }

    /**
     * The figures of a service's connections as one: counts summed, the worst delay and the first late
     * canary of any, and as far behind as the connection furthest behind.
     */
    static JsonObject combined(List<JsonObject> connections) {
        if (connections.size() == 1) {
            return connections.get(0);
        }
        long firstLate = connections.stream().mapToLong(figures -> figures.getLong("firstLateAtMillis"))
                .filter(at -> at >= 0).min().orElse(-1);
        return new JsonObject()
                .put("sent", connections.stream().mapToLong(figures -> figures.getLong("sent")).sum())
                .put("arrived", connections.stream().mapToLong(figures -> figures.getLong("arrived")).sum())
                .put("late", connections.stream().mapToLong(figures -> figures.getLong("late")).sum())
                .put("worstMillis", connections.stream().mapToLong(figures -> figures.getLong("worstMillis")).max().orElse(0))
                .put("firstLateAtMillis", firstLate)
                .put("behindMillis", connections.stream().mapToLong(figures -> figures.getLong("behindMillis")).max().orElse(0));
    }

    /**
     * How far behind a service's canary figures say it reads now, in milliseconds: the age of its oldest
     * canary on its way. One that never got any back (an ACL that predates it) counts as not behind:
     * waiting on it would not help.
     */
    static long behindMillisOf(JsonObject figures) {
        return figures.getLong("arrived", 0L) > 0 ? figures.getLong("behindMillis", 0L) : 0;
    }

    /**
     * What a service's canary figures say, for the run's health: empty when it kept up. A canary that
     * never comes back (a broker whose ACL predates it drops it) leaves the harness unable to tell.
     */
    static Optional<String> problem(String service, JsonObject figures) {
        long sentCount = figures.getLong("sent", 0L);
        if (sentCount >= NEVER_BACK_AFTER && figures.getLong("arrived", 0L) == 0) {
            return Optional.of("cloud service " + service + " never got back any of its " + sentCount + " own messages on "
                    + CloudTopics.canary(service) + " (does the broker's ACL allow it?): the harness cannot tell whether "
                    + "the emulated cloud kept up");
        }
        long lateCount = figures.getLong("late", 0L);
        if (lateCount == 0) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "cloud service %s fell behind: %d of its %d own messages through the "
                        + "broker took over %d ms to reach it (worst %.1f s, first at %s of scenario time): cloud-path "
                        + "probes could fail from then on because the emulated cloud could not keep up, not because of the devices",
                service, lateCount, figures.getLong("sent", 0L), LATE.toMillis(), figures.getLong("worstMillis", 0L) / 1000.0,
                Durations.format(Duration.ofSeconds(figures.getLong("firstLateAtMillis", 0L) / 1000))));
    }
}
