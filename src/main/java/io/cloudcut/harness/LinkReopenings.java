package io.cloudcut.harness;

import io.cloudcut.fault.FaultProxy;
import io.cloudcut.observation.LinkReopenedObserved;
import io.cloudcut.observation.ObservationBus;
import io.cloudcut.scenario.ScenarioClock;
import io.vertx.core.Vertx;

import java.util.List;

/**
 * The moments a fault of its own accord let a device's link take connections again (the up half of a {@code flap}),
 * told as observations: the reconnect rule measures a reconnect from them as from a fault's removal. A reopening
 * with no fault left is that removal, which the harness observes where it makes it.
 */
final class LinkReopenings {

    private LinkReopenings() {
    }

    /** From now on, publishes each reopening of {@code proxy}'s links on {@code vertx}'s observation bus. */
    static void observe(FaultProxy proxy, ScenarioClock clock, Vertx vertx) {
        ObservationBus.carry(vertx);
        // Called on a link's event loop: it must not block.
        proxy.events().listen(event -> {
            if (event.event().equals("link-reopened") && event.about().get("link") instanceof String device
                    && event.about().get("faults") instanceof List<?> faults && !faults.isEmpty()) {
                ObservationBus.publish(vertx, new LinkReopenedObserved(clock.nowMillis(), device));
            }
        });
    }
}
