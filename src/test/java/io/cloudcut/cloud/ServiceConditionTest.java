package io.cloudcut.cloud;

import io.cloudcut.observation.ServiceObserved;
import io.cloudcut.scenario.FaultSpec;
import io.cloudcut.scenario.Rate;
import io.cloudcut.scenario.ServiceFault;
import io.cloudcut.scenario.WireNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each condition a service can be in: made from a scenario's service fault, sent to its service as JSON
 * and read back the same, named as observations name it, and taking dependents down or not.
 * {@link CloudServicesTest} has what each does to a running service's messages.
 */
class ServiceConditionTest {

    private static final List<ServiceCondition> EVERY_KIND = List.of(ServiceCondition.UP, new ServiceDown("auth"),
            new ServiceErroring("auth"), new ServiceSlow("auth", Duration.ofMillis(800)),
            new ServiceThrottled("auth", Rate.parse("30/min"), 20));

    @Test
    void everyConditionCrossesTheBusUnchanged() {
        assertThat(EVERY_KIND).allSatisfy(condition ->
                assertThat(ServiceCondition.fromJson(condition.toJson())).isEqualTo(condition));
        assertThat(EVERY_KIND.stream().map(ServiceCondition::observed).distinct()).hasSize(EVERY_KIND.size());
    }

    @ParameterizedTest
    @EnumSource(ServiceFault.class)
    void aServiceFault_putsItsServiceInTheConditionOfItsName_withItsAttributes(ServiceFault kind) {
        Map<String, Object> attributes = switch (kind) {
            case SLOW -> Map.of("latency", "800ms");
            case THROTTLED -> Map.of("rate", "30/min", "queue", 20);
            default -> Map.of();
        };
        FaultSpec fault = new FaultSpec("auth", null, null, null, null, WireNames.of(kind), null, attributes);

        ServiceCondition condition = ServiceCondition.of(fault);

        assertThat(WireNames.of(condition.observed())).isEqualTo(WireNames.of(kind));
        assertThat(condition.cause()).isEqualTo("auth");
        assertThat(condition).isIn(EVERY_KIND);
    }

    @Test
    void aServiceThatDoesNotAnswer_takesWhatNeedsItDown_aSlowOrThrottledOneDoesNot() {
        assertThat(EVERY_KIND.stream().filter(ServiceCondition::takesDependentsDown).map(ServiceCondition::observed))
                .containsExactlyInAnyOrder(ServiceObserved.Condition.DOWN, ServiceObserved.Condition.ERROR);
    }
}
