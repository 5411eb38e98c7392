package io.cloudcut.device;

import io.cloudcut.observation.SessionObserved;
import io.cloudcut.scenario.ScenarioClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a device asks auth for a token: at once on connecting; with between three and five eighths of
 * a token's life left; then every quarter of the TTL until one comes, through an expiry and after it.
 * Scenario time is set by the test: the clock is pinned at each moment.
 */
class CloudSessionTest {

    private static final Duration TTL = Duration.ofMinutes(30);

    private final ScenarioClock clock = ScenarioClock.stopped();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<SessionObserved.Change> changes = new ArrayList<>();
    private FakeDevice device;
    private CloudSession session;

    @BeforeEach
    void signIn() throws Exception {
        at(Duration.ZERO);
        device = new FakeDevice(FakeDevice.of("doorbell-cloud-only").model(), clock);
        session = new CloudSession(device, device.model().session(), requests::incrementAndGet, (change, atMillis) -> changes.add(change));
        assertThat(device.model().session().tokenTtl()).isEqualTo(TTL);
        session.start();
        session.connected();
        assertThat(requests).hasValue(1);
        session.tokenReceived(TTL.toMillis());
        assertThat(changes).containsExactly(SessionObserved.Change.ACQUIRED);
    }

    @AfterEach
    void stopTheClock() {
        clock.close();
    }

    @Test
    void aTokenIsRenewedWithThreeToFiveEighthsOfItsLifeLeft_andSoIsTheNext() {
        Duration renewal = nextRequestIn();
        assertThat(renewal).isBetween(TTL.multipliedBy(3).dividedBy(8), TTL.multipliedBy(5).dividedBy(8));

        at(renewal);
        askNow();
        assertThat(requests).hasValue(2);
        session.tokenReceived(renewal.plus(TTL).toMillis());

        assertThat(changes).containsExactly(SessionObserved.Change.ACQUIRED, SessionObserved.Change.RENEWED);
        assertThat(nextRequestIn()).as("the same span of the new token's life").isEqualTo(renewal);
        assertThat(device.pendingTimers()).as("its expiry and its renewal, the old ones called off").hasSize(2);
    }

    @Test
    void aRenewalNotAnsweredIsAskedAgainEveryQuarterOfTheTtl_throughTheExpiry_untilAuthAnswers() {
        Duration moment = nextRequestIn();
        at(moment);
        askNow();
        while (moment.plus(TTL.dividedBy(4)).compareTo(TTL) < 0) {
            assertThat(nextRequestIn()).isEqualTo(TTL.dividedBy(4));
            moment = moment.plus(TTL.dividedBy(4));
            at(moment);
            askNow();
        }
        assertThat(requests).as("asked at connect, at the renewal and again before the expiry").hasValueGreaterThanOrEqualTo(3);
        assertThat(session.valid()).isTrue();

        at(TTL);
        device.fire(Collections.min(device.pendingTimers().keySet()));
        assertThat(changes).containsExactly(SessionObserved.Change.ACQUIRED, SessionObserved.Change.EXPIRED);
        assertThat(session.valid()).isFalse();
        assertThat(session.refusal(device.model().functions().get(0))).hasValue("locked: no valid cloud session");

        int asked = requests.get();
        moment = moment.plus(TTL.dividedBy(4));
        at(moment);
        askNow();
        assertThat(requests).as("still asking once expired").hasValue(asked + 1);
        session.tokenReceived(moment.plus(TTL).toMillis());
        assertThat(changes).containsExactly(SessionObserved.Change.ACQUIRED, SessionObserved.Change.EXPIRED, SessionObserved.Change.ACQUIRED);
        assertThat(session.refusal(device.model().functions().get(0))).isEmpty();
    }

    /** The scenario time until the device's next request: its latest timer (the expiry is set before it). */
    private Duration nextRequestIn() {
        return device.pendingTimers().get(Collections.max(device.pendingTimers().keySet())).delay();
    }

    private void askNow() {
        device.fire(Collections.max(device.pendingTimers().keySet()));
    }

    /** Scenario time stands at {@code moment}: a clock that follows a pace of a nanosecond a second. */
    private void at(Duration moment) {
        clock.follow(new ScenarioClock.Setting(true, System.nanoTime(), moment.toNanos(), 1e-9));
    }
}
