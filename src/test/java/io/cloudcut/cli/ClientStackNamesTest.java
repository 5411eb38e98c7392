package io.cloudcut.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --client}'s help names the stacks from their one list. */
class ClientStackNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"run", "bench"})
    void theClientOptionsHelpListsEveryStack(String command) {
        String usage = CloudCutCommand.commandLine().getSubcommands().get(command).getUsageMessage().replaceAll("\\s+", " ");

        assertThat(usage).contains("--client=STACK Run every model on this MQTT client stack: vertx, paho-v3, paho-v5, "
                + "hivemq-v3, hivemq-v5.");
    }
}
