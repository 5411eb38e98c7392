package io.cloudcut.scenario;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {

    @Test
    void compactFormsParse() {
        assertThat(Durations.parse("17h")).isEqualTo(Duration.ofHours(17));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void formattingRoundTrips() {
        for (String text : new String[] {"17h", "1h30m", "500ms", "2d3h", "45s"}) {
            assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
        }
    }

    @Test
    void anythingElseIsRefusedWithTheExpectedForm() {
        for (String text : new String[] {"", "17", "h", "17 h", "1h-30m", "3y"}) {
            assertThatThrownBy(() -> Durations.parse(text)).hasMessageContaining("is not a duration (use e.g.");
        }
    }

    @Test
    void aNegativeDurationIsNamedAsSuch() {
        assertThatThrownBy(() -> Durations.parse("-30s")).hasMessage("'-30s': a duration cannot be negative");
    }

    @Test
    void theLongestDurationIsTenYearsAndAnOverflowIsNoShortOne() {
        assertThat(Durations.parse("3650d")).isEqualTo(Durations.MAX);
        assertThatThrownBy(() -> Durations.parse("3650d1ms")).hasMessageContaining("is longer than the 3650d");
        assertThatThrownBy(() -> Durations.parse("99999999999999999999d")).hasMessageContaining("is longer than the 3650d");
    }
}
