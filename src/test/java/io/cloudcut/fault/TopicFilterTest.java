package io.cloudcut.fault;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicFilterTest {

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource({
            "devices/+/events, devices/a/events, true",
            "devices/+/events, devices/a/b/events, false",
            "devices/+/events, other/topic, false",
            "sport/#, sport, true",
            "sport/#, sport/tennis/player1, true",
            "+/+, /finance, true",
            "+, /finance, false",
            "a/+, a/, true",
            "a/b, a/b/, false",
            "#, $SYS/broker/uptime, false",
            "+/broker/uptime, $SYS/broker/uptime, false",
            "$SYS/#, $SYS/broker/uptime, true",
            // An MQTT 5 PUBLISH by an alias its sender never set: only every topic surely matches it.
            "#, '', true",
            "sport/#, '', false",
            "devices/+/events, '', false",
    })
    void matches_asTheSpecSays(String filter, String topic, boolean matches) {
        assertThat(TopicFilter.of(filter).matches(topic)).isEqualTo(matches);
    }

    @Test
    void of_misplacedWildcard_isRejected() {
        assertThatThrownBy(() -> TopicFilter.of("devices/#/events")).isInstanceOf(IllegalArgumentException.class);
    }
}
