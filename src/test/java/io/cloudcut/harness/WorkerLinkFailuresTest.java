package io.cloudcut.harness;

import io.cloudcut.fault.LinkFailure;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A worker's link failures cross the event bus to the coordinator whole. */
class WorkerLinkFailuresTest {

    @Test
    void failuresSurviveTheWireAsText() {
        List<LinkFailure> failures = List.of(new LinkFailure("robot-1", 3, "relaying upstream: java.lang.IllegalStateException: x"),
                new LinkFailure("bell-2", 1, "its listening socket closed"));

        List<LinkFailure> back = WorkerDevices.decode(new JsonObject(WorkerDevices.encode(failures).encode()));

        assertThat(back).isEqualTo(failures);
        assertThat(WorkerDevices.decode(WorkerDevices.encode(List.of()))).isEmpty();
    }
}
