package io.cloudcut.harness;

import io.cloudcut.scenario.Scenario;
import io.cloudcut.testing.Project;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** The open files a fleet needs in one process, with a proxy port a link or one shared port, against a limit of 20,000. */
class DescriptorBudgetTest {

    private static final long LIMIT = 20_000;

    /** Four models. */
    private static Scenario shortOutage;

    @BeforeAll
    static void load() throws Exception {
        shortOutage = Scenarios.loader(Project.root()).load(Project.file("scenarios/short-outage.yaml"));
    }

    private static Scenario devices(int total) {
        return shortOutage.withDevicesPerModel(total / 4);
    }

    @Test
    void aDeviceCostsFiveWithAPortOfItsOwn_andFourOnTheSharedPort_withTheEmbeddedBroker() {
        assertThat(DescriptorBudget.needed(devices(4_500), true, false)).isEqualTo(1_000 + 4_500 * 5);
        assertThat(DescriptorBudget.needed(devices(4_500), true, true)).isEqualTo(1_000 + 4_500 * 4);
        assertThat(DescriptorBudget.needed(devices(4_500), false, true)).as("the broker's end elsewhere").isEqualTo(1_000 + 4_500 * 3);
    }

    @Test
    void linksShareOnePort_whenAsked_orWhenAPortEachWouldNotFit() {
        assertThat(DescriptorBudget.sharedPort(devices(3_800), true, false, LIMIT)).as("3,800 fit with a port each").isFalse();
        assertThat(DescriptorBudget.sharedPort(devices(3_800), true, true, LIMIT)).as("asked").isTrue();
        assertThat(DescriptorBudget.sharedPort(devices(4_500), true, false, LIMIT)).as("4,500 need 23,500 with a port each").isTrue();
        assertThat(DescriptorBudget.sharedPort(devices(4_500), false, false, LIMIT)).as("19,000 with an external broker").isFalse();
        assertThat(DescriptorBudget.sharedPort(devices(40_000), true, false, -1)).as("no limit").isFalse();
    }

    @Test
    void fourThousandFiveHundredDevicesFitOneProcess_onTheSharedPort() {
        assertThatNoException().isThrownBy(() -> DescriptorBudget.check(devices(4_500), true, 0, LIMIT));
    }

    @Test
    void aFleetOverTheSharedPortsBudget_isRefusedNamingTheNumbers() {
        assertThatThrownBy(() -> DescriptorBudget.check(devices(4_800), true, 0, LIMIT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a fleet of 4800 devices needs about 20200 open files")
                .hasMessageContaining("4 a device on one shared proxy port; 25000 with a proxy port a device")
                .hasMessageContaining("over this process's limit of 20000")
                .hasMessageContaining("run at most 4750 devices in one process (6333 with an external broker: --broker)");
    }
}
