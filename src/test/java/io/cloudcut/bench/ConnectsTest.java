package io.cloudcut.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectsTest {

    private static final Connects SLOW = new Connects(100, 1.0, 3.0, 60);
    private static final Connects MIDDLE = new Connects(100, 0.5, 2.0, 40);
    private static final Connects FAST = new Connects(100, 0.25, 1.0, 10);

    @Test
    void theMedianRoundIsTheOneOfTheMiddleRate_withItsOwnFigures() {
        assertThat(Connects.median(List.of(FAST, SLOW, MIDDLE))).isEqualTo(MIDDLE);
        assertThat(Connects.median(List.of(MIDDLE))).isEqualTo(MIDDLE);
    }

    @Test
    void ofTwoMiddleRoundsTheSlowerIsTaken() {
        assertThat(Connects.median(List.of(FAST, SLOW))).isEqualTo(SLOW);
        assertThat(Connects.median(List.of(FAST, MIDDLE, SLOW, FAST))).isEqualTo(MIDDLE);
    }

    @Test
    void noRoundHasNoMedian() {
        assertThatThrownBy(() -> Connects.median(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRateIsClientsOverSeconds() {
        assertThat(MIDDLE.perSecond()).isEqualTo(200.0);
        assertThat(new Connects(100, 0, 0, 0).perSecond()).isZero();
        assertThat(MIDDLE.toJson().getDouble("connectsPerSecond")).isEqualTo(200.0);
        assertThat(MIDDLE.toJson().getDouble("connectCpuMillisPerClient")).isEqualTo(2.0);
    }
}
