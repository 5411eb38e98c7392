package io.cloudcut.device;

import io.cloudcut.observation.SessionObserved;
import io.cloudcut.scenario.FunctionSpec;
import io.cloudcut.scenario.ScenarioClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A doorbell that keeps its local functions for a grace period after its token expired: its expiry and its lock are
 * told at the moments they took effect, and its refusals follow those moments, however late the timers that tell
 * them run. Scenario time is set by the test: the clock is pinned at each moment.
 */
class CloudSessionGraceTest {

    private final ScenarioClock clock = ScenarioClock.stopped();
    private final List<String> told = new ArrayList<>();

    @AfterEach
    void stopTheClock() {
        clock.close();
    }

    @Test
    void theExpiryAndTheLockAreToldAtTheirMoments_andRefusalsFollowThem_whenTheirTimersRunLate() throws Exception {
        at(Duration.ZERO);
        FakeDevice device = new FakeDevice(FakeDevice.of("doorbell-grace").model(), clock);
        CloudSession session = new CloudSession(device, device.model().session(), () -> { },
                (change, atMillis) -> told.add(change + " at " + atMillis));
        Duration ttl = device.model().session().tokenTtl();
        Duration grace = device.model().session().grace();
        FunctionSpec chime = device.model().function("chime").orElseThrow();
        session.start();
        session.tokenReceived(ttl.toMillis());

        Duration late = Duration.ofMinutes(3);
        at(ttl.plus(late));
        assertThat(session.refusal(chime)).as("expired, its timer not run yet: within the grace period").isEmpty();
        device.fire(Collections.min(device.pendingTimers().keySet()));
        assertThat(told).containsExactly("ACQUIRED at 0", "EXPIRED at " + ttl.toMillis());

        at(ttl.plus(grace).minusMillis(1));
        assertThat(session.refusal(chime)).isEmpty();
        at(ttl.plus(grace).plus(late));
        assertThat(session.refusal(chime)).as("the grace period over, the lock's timer not run yet")
                .hasValue("locked: no cloud session and grace period over");
        device.fire(Collections.max(device.pendingTimers().keySet()));
        assertThat(told).as("the lock at the grace period's end, not when its timer ran").last()
                .isEqualTo("LOCKED at " + ttl.plus(grace).toMillis());
    }

    /** Scenario time stands at {@code moment}: a clock that follows a pace of a nanosecond a second. */
    private void at(Duration moment) {
        clock.follow(new ScenarioClock.Setting(true, System.nanoTime(), moment.toNanos(), 1e-9));
    }
}
