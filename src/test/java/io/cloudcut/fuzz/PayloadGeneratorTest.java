package io.cloudcut.fuzz;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadGeneratorTest {

    /** Small limits keep the oversized payloads small: the kinds do not depend on the size. */
    private static final int LIMIT = 2_048;
    private static final Target DASHBOARD = new Target("valetudo/v/BasicControlCapability/operation/set", List.of("v"),
            LIMIT, false, List.of("LOCATE"), List.of("[5]"), List.of(), List.of("EXPLODE"));
    private static final Target SERVICE = new Target("cloudcut/ingest/x", List.of("service:ingest"),
            LIMIT, true, List.of("{\"kind\":\"fuzz\"}"), List.of("{\"kind\":1}"),
            List.of("{\"kind\":\"\"}"), List.of());

    @Test
    void theSameSeedGivesTheSamePayloadsInTheSameOrder() {
        List<Payload> first = payloads(7, 300);
        List<Payload> second = payloads(7, 300);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i).kind()).isEqualTo(first.get(i).kind());
            assertThat(Arrays.equals(second.get(i).bytes(), first.get(i).bytes())).as("payload %d", i).isTrue();
        }
        assertThat(payloads(8, 300).stream().map(Payload::kind).toList())
                .isNotEqualTo(first.stream().map(Payload::kind).toList());
    }

    @Test
    void aTargetGetsOnlyTheKindsItsProtocolHas() {
        assertThat(PayloadGenerator.kindsFor(DASHBOARD)).doesNotContain(PayloadKind.TRUNCATED_JSON, PayloadKind.OUT_OF_RANGE);
        assertThat(PayloadGenerator.kindsFor(SERVICE)).doesNotContain(PayloadKind.UNKNOWN_COMMAND)
                .contains(PayloadKind.TRUNCATED_JSON, PayloadKind.OUT_OF_RANGE);
    }

    @Test
    void oversizedAndHugePayloadsGoPastTheReadersLimitAndValidOnesStayWithinIt() {
        List<Payload> payloads = payloads(3, 600);
        assertThat(payloads.stream().filter(p -> p.kind() == PayloadKind.OVERSIZED || p.kind() == PayloadKind.HUGE_JSON))
                .isNotEmpty().allMatch(payload -> payload.bytes().length > LIMIT);
        assertThat(payloads.stream().filter(Payload::valid)).isNotEmpty().allMatch(payload -> payload.bytes().length <= LIMIT);
    }

    private static List<Payload> payloads(long seed, int count) {
        PayloadGenerator generator = new PayloadGenerator(seed, List.of(DASHBOARD, SERVICE));
        return Stream.generate(generator::next).limit(count).toList();
    }
}
