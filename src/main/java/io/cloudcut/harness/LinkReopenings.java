package io.cloudcut.harness;

import io.cloudcut.fault.ProxyEvent;
import io.cloudcut.observation.LinkReopenedObserved;
import io.cloudcut.observation.Observation;
import io.cloudcut.scenario.ScenarioClock;

import java.util.List;
import java.util.function.Consumer;

/**
 * The moments a fault of its own accord let a device's link take connections again (the up half of a {@code flap}),
 * told as observations: the reconnect rule measures a reconnect from them as from a fault's removal. A reopening
 * with no fault left is that removal, which the harness observes where it makes it.
 */
final class LinkReopenings {

    private LinkReopenings() {
    }

    /** A listener for a proxy's events, called on a link's event loop: it must not block. */
    static Consumer<ProxyEvent> told(ScenarioClock clock, Consumer<Observation> observe) {
        return event -> {
            if (event.event().equals("link-reopened") && event.about().get("link") instanceof String device
                    && event.about().get("faults") instanceof List<?> faults && !faults.isEmpty()) {
                observe.accept(new LinkReopenedObserved(clock.nowMillis(), device));
            }
        };
    }
}
