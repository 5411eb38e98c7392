package io.cloudcut.harness;

import io.cloudcut.scenario.CloudSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The line a run starts its cloud with: its services in order, those with several connections saying so. */
class CloudDescriptionTest {

    private static final CloudSpec ONE_EACH = new CloudSpec(Path.of("default.yaml"), Map.of(
            "notify", new CloudSpec.ServiceSpec(List.of("ingest")), "auth", new CloudSpec.ServiceSpec(List.of()),
            "ingest", new CloudSpec.ServiceSpec(List.of())), false);
    private static final CloudSpec SCALED_OUT = new CloudSpec(Path.of("scaled.yaml"), Map.of(
            "auth", new CloudSpec.ServiceSpec(List.of()), "ingest", new CloudSpec.ServiceSpec(List.of(), 4)), false);

    @Test
    void servicesOnOneConnectionAreNamed() {
        assertThat(ScenarioRunner.describeCloud(ONE_EACH, Optional.of("it loses them"))).isEqualTo("cloud services: auth, ingest, notify");
    }

    @Test
    void aServiceOnSeveralConnectionsSaysSo_andOnABrokerThatLosesSharedMessagesTheRunWarns() {
        assertThat(ScenarioRunner.describeCloud(SCALED_OUT, Optional.empty()))
                .isEqualTo("cloud services: auth, ingest (4 connections sharing its subscriptions)");
        assertThat(ScenarioRunner.describeCloud(SCALED_OUT, Optional.of("on the embedded broker, shared subscriptions lost events")))
                .isEqualTo("cloud services: auth, ingest (4 connections sharing its subscriptions); warning: on the "
                        + "embedded broker, shared subscriptions lost events: use one connection a service, or an external broker");
    }
}
