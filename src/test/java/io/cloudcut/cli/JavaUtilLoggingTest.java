package io.cloudcut.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cloudcut.testing.Project;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.slf4j.LoggerFactory;

/** What libraries log through java.util.logging (Paho does) goes where logback.xml says, not to the terminal by itself. */
@Isolated
class JavaUtilLoggingTest {

    @Test
    void aJavaUtilLoggingRecordReachesLogback_andNoConsoleHandlerOfItsOwn() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger library = context.getLogger("io.cloudcut.test.library");
        ListAppender<ILoggingEvent> heard = new ListAppender<>();
        heard.setContext(context);
        heard.start();
        library.addAppender(heard);
        try {
            CloudCutCommand.routeJavaUtilLogging();
            java.util.logging.Logger.getLogger("io.cloudcut.test.library").severe("the connection is lost");

            assertThat(heard.list).singleElement().satisfies(event -> {
                assertThat(event.getFormattedMessage()).isEqualTo("the connection is lost");
                assertThat(event.getLevel()).isEqualTo(ch.qos.logback.classic.Level.ERROR);
            });
            assertThat(java.util.logging.Logger.getLogger("").getHandlers())
                    .as("the root's console handler, which wrote to standard error, is gone")
                    .noneMatch(java.util.logging.ConsoleHandler.class::isInstance);
        } finally {
            library.detachAppender(heard);
        }
    }

    @Test
    void theShippedConfigurationKeepsPahoOffTheTerminal() throws Exception {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(Project.file("src/main/resources/logback.xml").toFile());

        for (String paho : new String[] {"org.eclipse.paho.mqttv5.client.internal.ClientState",
                "org.eclipse.paho.client.mqttv3.internal.CommsSender"}) {
            assertThat(context.getLogger(paho).isErrorEnabled()).as(paho).isFalse();
        }
        assertThat(context.getLogger("io.cloudcut.harness.ScenarioRunner").isWarnEnabled()).isTrue();
        assertThat(java.util.logging.Logger.getLogger("org.eclipse.paho").isLoggable(Level.SEVERE))
                .as("told to java.util.logging too, so that Paho's records are not even made")
                .isFalse();
    }
}
