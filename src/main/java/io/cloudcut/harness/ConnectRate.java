package io.cloudcut.harness;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How fast devices start connects with nothing faulted on them, as the fault proxy counts them, and how fast this
 * machine carries them. Per scenario second, that rate is the fleet's own (its backoffs and jitter); a compressed clock
 * multiplies it into connects a real second. When connects are found slow, the real rate just before is more than
 * this machine carries: {@link #SHARE} of it is what it carries from then on, and {@link #scaleBound} keeps the clock
 * where the fleet's demand stays within that. Connects that then stay in time for {@link #IN_TIME_FOR} while the fleet
 * starts at least {@link #TESTED} of what is carried show that this machine carries more: {@link #CLIMB} times as much
 * from then on, until connects are found slow again. Learnt only downwards, the rate of one storm's first slow second
 * (its connects queued beside a probe round, a collection) would bound every later phase of the run.
 * <p>
 * The connects' other bounds only follow a herd: a slow connect is heard of a quarter of its time-out after it began,
 * and the clock climbs back once none has been slow for a time-out. After an hour of {@code refuse}, 1,000 Paho devices
 * came back over 15 min of scenario time as their jittered backoffs ran out, about one a scenario second. The clock
 * climbed back to 939x between slow connects, 900 connects a real second where this machine carried under 200 with the
 * probes and the cloud, and 21 connects ran out of their 1 s at once; doubled, their backoffs passed the recovery's end.
 */
final class ConnectRate {

    /** Over how much real time the demand is measured: several of the pacer's looks, several scenario seconds at real time. */
    static final Duration DEMAND_OVER = Duration.ofSeconds(5);
    /** Over how much real time the rate at which connects were found slow is measured: a time-out's worth. */
    static final Duration SLOW_RATE_OVER = Duration.ofSeconds(1);
    /** The share of the real rate at which connects were found slow that the clock allows from then on. */
    static final double SHARE = 0.5;
    /**
     * Fewer connects than this a real second did not slow each other: a connect found slow then was held up by something
     * else (a collection, the broker, a fault's aftermath), and the rate teaches nothing.
     */
    static final double FEWEST_THAT_QUEUE = 20;
    /** How long connects stay in time, at what is carried, before this machine is known to carry more. */
    static final Duration IN_TIME_FOR = DEMAND_OVER;
    /** The share of what is carried that the real rate must reach over {@link #IN_TIME_FOR} to have tested it. */
    static final double TESTED = 0.8;
    /** How much more than what it was tested at this machine carries from then on. */
    static final double CLIMB = 1.25;

    private record Count(long realNanos, long scenarioNanos, long connects) {
    }

    private final Deque<Count> counts = new ArrayDeque<>();
    /** Connects a real second this machine carries, as learnt; infinite until connects were found slow. */
    private double carried = Double.POSITIVE_INFINITY;
    /** When connects were last slow, or what is carried last climbed (real nanos): the window a climb is tested over starts then. */
    private long testedFromNanos;

    /** The proxy had accepted {@code connects} unfaulted connections in all at real {@code realNanos}, scenario {@code scenarioNanos}. */
    void counted(long realNanos, long scenarioNanos, long connects) {
        counts.addLast(new Count(realNanos, scenarioNanos, connects));
        while (counts.size() > 2 && realNanos - second().realNanos >= DEMAND_OVER.toNanos()) {
            counts.removeFirst();
        }
        climbIfCarriedInTime(realNanos);
    }

    /** Connects are slow still, as they were found: what is carried is not tested from before now. */
    void stillSlow() {
        Count last = counts.peekLast();
        if (last != null) {
            testedFromNanos = last.realNanos;
        }
    }

    private void climbIfCarriedInTime(long realNanos) {
        if (carried == Double.POSITIVE_INFINITY || realNanos - testedFromNanos < IN_TIME_FOR.toNanos()) {
            return;
        }
        Count from = null;
        for (Count count : counts) {
            if (count.realNanos >= testedFromNanos) {
                from = count;
                break;
            }
        }
        Count last = counts.peekLast();
        if (from == null || last.realNanos - from.realNanos < IN_TIME_FOR.toNanos() / 2) {
            return;
        }
        double perRealSecond = (last.connects - from.connects) * 1e9 / (last.realNanos - from.realNanos);
        if (perRealSecond >= TESTED * carried) {
            carried *= CLIMB;
            testedFromNanos = realNanos;
        }
    }

    /** Connects were found slow: {@link #SHARE} of the real rate over the last {@link #SLOW_RATE_OVER} is carried at most. */
    void slow() {
        Count last = counts.peekLast();
        if (last == null) {
            return;
        }
        testedFromNanos = last.realNanos;
        Count from = null;
        for (Count count : counts) {
            if (from == null || last.realNanos - count.realNanos >= SLOW_RATE_OVER.toNanos()) {
                from = count;
            }
        }
        long realNanos = last.realNanos - from.realNanos;
        if (realNanos <= 0) {
            return;
        }
        double perRealSecond = (last.connects - from.connects) * 1e9 / realNanos;
        if (perRealSecond >= FEWEST_THAT_QUEUE) {
            carried = Math.min(carried, perRealSecond * SHARE);
        }
    }

    /** Connects a real second this machine carries, as learnt: infinite until connects were found slow. */
    double carriedPerSecond() {
        return carried;
    }

    /**
     * The highest scale at which the fleet's connects, at their rate per scenario second over the last
     * {@link #DEMAND_OVER}, stay within what this machine carries: at least real time, and unbounded until connects were
     * found slow or while the fleet starts none.
     */
    double scaleBound() {
        if (carried == Double.POSITIVE_INFINITY || counts.size() < 2) {
            return Double.POSITIVE_INFINITY;
        }
        Count first = counts.peekFirst();
        Count last = counts.peekLast();
        long scenarioNanos = last.scenarioNanos - first.scenarioNanos;
        long connects = last.connects - first.connects;
        if (scenarioNanos <= 0 || connects <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        double perScenarioSecond = connects * 1e9 / scenarioNanos;
        return Math.max(1, carried / perScenarioSecond);
    }

    private Count second() {
        var each = counts.iterator();
        each.next();
        return each.next();
    }
}
