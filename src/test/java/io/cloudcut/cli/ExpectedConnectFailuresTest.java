package io.cloudcut.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.spi.FilterReply;
import io.cloudcut.testing.Project;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExpectedConnectFailuresTest {

    private final LoggerContext context = new LoggerContext();
    private final ExpectedConnectFailures filter = new ExpectedConnectFailures();

    @Test
    void dropsOnlyTheClientsConnectFailures() {
        var client = context.getLogger(ExpectedConnectFailures.CLIENT_LOGGER);
        var other = context.getLogger("io.cloudcut.harness.ScenarioRunner");
        RuntimeException refused = new RuntimeException("Connection refused");

        assertThat(filter.decide(null, client, Level.ERROR, "Can't connect to 127.0.0.1:1883", null, refused))
                .isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(null, client, Level.ERROR,
                "Connection refused by the server - code: CONNECTION_REFUSED_SERVER_UNAVAILABLE", null, null))
                .as("a refusing CONNACK, counted with its code").isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(null, client, Level.ERROR, "Attempt to exceed the limit of 100 inflight messages", null, null))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, other, Level.ERROR, "Can't connect to 127.0.0.1:1883", null, refused))
                .isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void theShippedLoggingConfigurationUsesIt() throws Exception {
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(Project.file("src/main/resources/logback.xml").toFile());

        assertThat(context.getTurboFilterList()).hasOnlyElementsOfType(ExpectedConnectFailures.class).hasSize(1);
    }
}
