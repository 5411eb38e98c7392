package io.cloudcut.mqtt;

import io.cloudcut.scenario.DeviceModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Model files are validated against the stack names the scenario package knows; every one must have an adapter. */
class StackNamesTest {

    @Test
    void everyStackAModelMayNameHasAnAdapter() {
        assertThat(MqttStacks.names()).isEqualTo(DeviceModel.CLIENT_STACKS);
    }
}
