package io.cloudcut.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * Faults after which the embedded broker holds a device's messages back: HiveMQ CE polls a client's next messages only
 * once it has the PUBACKs of those it sent before, so one QoS 1 message a device never acknowledged (lost on its way by
 * {@code loss} or {@code lose-publish}, or its PUBACK lost by {@code loss}) holds every later one until the device
 * reconnects. After an hour of {@code lose-publish} on the app's commands, four devices stayed connected without
 * their sign-in answers for the hour of recovery; on Mosquitto the same fault left none so. Where such a fault is
 * written, a run on the embedded broker warns that its outcome is that broker's. Warnings never stop a run.
 */
public final class HeldDeliveries {

    private HeldDeliveries() {
    }

    /** A warning at each fault that can leave the broker without a device's PUBACK. */
    public static List<ScenarioWarning> find(Scenario scenario) {
        List<ScenarioWarning> found = new ArrayList<>();
        for (WrittenFault written : WrittenFault.of(scenario)) {
            FaultSpec fault = written.fault();
            boolean towardsDevices = fault.direction() == null || !fault.direction().equals("upstream");
            if (fault.is(LinkFaultKind.LOSS) || fault.is(LinkFaultKind.LOSE_PUBLISH) && towardsDevices) {
                found.add(scenario.sources().inScenario(written.pointer() + "/fault", String.format(
                        "on the embedded broker, a QoS 1 message a device never acknowledges (lost by %s) holds every "
                                + "later one to it until the device reconnects: one that keeps its connection stays "
                                + "without its sign-in answers and commands after this fault, where Mosquitto sends "
                                + "them on; run it against the production broker's kind too (--broker)", fault.fault())));
            }
        }
        return List.copyOf(found);
    }
}
