package io.cloudcut.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Faults that judge PUBLISHes by a topic narrower than {@code #} on devices of an MQTT 5 stack. The fault proxy reads a
 * connection's packets only once a fault that reads them is on it, so an alias a device set before, on a connection
 * older than the fault, stands for a topic the proxy never saw: only {@code #} matches such a PUBLISH, and through a
 * narrower filter it passes. Where such a fault is written, a run warns. Warnings never stop a run.
 */
public final class AliasedPublishes {

    private static final Set<LinkFaultKind> BY_TOPIC = Set.of(LinkFaultKind.DROP_PUBLISH, LinkFaultKind.LOSE_PUBLISH,
            LinkFaultKind.DELAY_PUBLISH, LinkFaultKind.DUPLICATE_PUBLISH);

    private AliasedPublishes() {
    }

    /** A warning at the topic of each such fault. */
    public static List<ScenarioWarning> find(Scenario scenario) {
        List<ScenarioWarning> found = new ArrayList<>();
        for (WrittenFault written : WrittenFault.of(scenario)) {
            FaultSpec fault = written.fault();
            if (BY_TOPIC.stream().noneMatch(fault::is) || !(fault.attributes().get("topic") instanceof String topic)
                    || topic.equals("#")) {
                continue;
            }
            List<String> mqttFive = scenario.modelsBehind(fault).stream()
                    .filter(model -> ClientStack.named(model.client()).map(ClientStack::mqttFive).orElse(false))
                    .map(DeviceModel::id).sorted().toList();
            if (!mqttFive.isEmpty()) {
                found.add(scenario.sources().inScenario(written.pointer() + "/attributes/topic", String.format(
                        "%s speak%s MQTT 5: a PUBLISH by a topic alias set before this fault began, on a connection it "
                                + "did not cut, has no topic the proxy saw, and only '#' matches it; through '%s' it passes",
                        String.join(", ", mqttFive), mqttFive.size() == 1 ? "s" : "", topic)));
            }
        }
        return List.copyOf(found);
    }
}
