package io.cloudcut.scenario;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ReconnectPolicyTest {

    @Test
    void exponentialBackoffGrowsUpToItsCap() {
        ReconnectPolicy policy = new ReconnectPolicy(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10), Jitter.NONE, 0);
        Random random = new Random(1);
        assertThat(policy.delay(1, Duration.ZERO, random)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delay(2, Duration.ZERO, random)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delay(4, Duration.ZERO, random)).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.delay(9, Duration.ZERO, random)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void jitterStaysWithinItsBounds() {
        Random random = new Random(7);
        ReconnectPolicy full = new ReconnectPolicy(Duration.ofSeconds(4), 1.0, Duration.ofSeconds(4), Jitter.FULL, 0);
        ReconnectPolicy equal = new ReconnectPolicy(Duration.ofSeconds(4), 1.0, Duration.ofSeconds(4), Jitter.EQUAL, 0);
        for (int i = 0; i < 100; i++) {
            assertThat(full.delay(1, Duration.ZERO, random)).isBetween(Duration.ZERO, Duration.ofSeconds(4));
            assertThat(equal.delay(1, Duration.ZERO, random)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
        }
    }

    @Test
    void givingUpCountsAttempts() {
        ReconnectPolicy never = new ReconnectPolicy(null, null, null, null, 0);
        ReconnectPolicy afterThree = new ReconnectPolicy(null, null, null, null, 3);
        assertThat(never.givesUpAfter(1000)).isFalse();
        assertThat(afterThree.givesUpAfter(2)).isFalse();
        assertThat(afterThree.givesUpAfter(3)).isTrue();
    }
}
