package io.cloudcut.cloud;

import io.cloudcut.scenario.CloudSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceGraphTest {

    private final ServiceGraph graph = new ServiceGraph(new CloudSpec(Path.of("cloud.yaml"), Map.of(
            "auth", new CloudSpec.ServiceSpec(List.of()),
            "ingest", new CloudSpec.ServiceSpec(List.of()),
            "commands", new CloudSpec.ServiceSpec(List.of("auth")),
            "notify", new CloudSpec.ServiceSpec(List.of("ingest"))), false));

    @Test
    void ingestDownTakesItsDependentsDownAndNothingElse() {
        assertThat(graph.downBecause(List.of("ingest")))
                .containsOnly(Map.entry("ingest", "ingest"), Map.entry("notify", "ingest"));
    }

    @Test
    void eachDownServiceNamesItsRootCause() {
        assertThat(graph.downBecause(List.of("ingest", "auth"))).containsOnly(
                Map.entry("ingest", "ingest"), Map.entry("notify", "ingest"),
                Map.entry("auth", "auth"), Map.entry("commands", "auth"));
    }

    @Test
    void nothingFaultedMeansEverythingUp() {
        assertThat(graph.downBecause(List.of())).isEmpty();
    }
}
