package io.cloudcut.scenario;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateTest {

    @Test
    void aCountPerUnitOrPerDurationOfScenarioTime() {
        assertThat(Rate.parse("30/min").interval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(Rate.parse("2/s").interval()).isEqualTo(Duration.ofMillis(500));
        assertThat(Rate.parse("100/h").interval()).isEqualTo(Duration.ofSeconds(36));
        assertThat(Rate.parse("1/90s").interval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(Rate.parse("0.5/m").interval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(Rate.parse("3/10min").interval()).isEqualTo(Duration.ofMinutes(10).dividedBy(3));
        assertThat(Rate.parse(" 12 / h ").interval()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void printsInItsShortestForm() {
        for (String text : new String[] {"30/min", "2/s", "100/h", "1/d", "1/1m30s", "0.5/1h30m"}) {
            assertThat(Rate.parse(text)).hasToString(text);
        }
    }

    @Test
    void aBareNumberIsRefusedBecauseItsUnitWouldBeAGuess() {
        assertThatThrownBy(() -> Rate.parse("2.5")).hasMessageStartingWith("'2.5' has no unit");
        assertThatThrownBy(() -> Rate.parse("2")).hasMessage("'2' has no unit: write a count per period of scenario "
                + "time, e.g. 30/min, 2/s or 100/h (a bare number used to mean per real second)");
    }

    @Test
    void anythingElseIsRefusedWithTheExpectedForm() {
        for (String text : new String[] {"/s", "2/", "2/fortnight", "two/s", "2 per s", "2/s/s"}) {
            assertThatThrownBy(() -> Rate.parse(text)).as(text)
                    .hasMessageContaining("is not a rate: write a count per period of scenario time");
        }
        assertThatThrownBy(() -> Rate.parse("0/s")).hasMessageContaining("count of a rate must be above 0");
        assertThatThrownBy(() -> Rate.parse("-1/s")).hasMessageContaining("count of a rate must be above 0");
        assertThatThrownBy(() -> Rate.parse("1/0s")).hasMessageContaining("period of a rate must be above 0");
    }
}
