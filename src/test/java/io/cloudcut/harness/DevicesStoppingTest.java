package io.cloudcut.harness;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A fleet that does not stop says which of its devices did not. */
class DevicesStoppingTest {

    @Test
    void devicesThatHadNotStoppedInTimeAreNamed_andAllStoppedIsSuccess() {
        Map<String, Future<Void>> stopping = new LinkedHashMap<>();
        stopping.put("robot-1", Future.succeededFuture());
        stopping.put("robot-2", Promise.<Void>promise().future());
        stopping.put("doorbell-1", Promise.<Void>promise().future());
        Future<Void> stopped = DevicesStopping.within(stopping, Duration.ofSeconds(1));

        await().atMost(Duration.ofSeconds(30)).until(stopped::isComplete);
        assertThat(stopped.cause()).hasMessage("2 devices had not stopped within 1 s: robot-2, doorbell-1");

        Future<Void> all = DevicesStopping.within(Map.of("robot-1", Future.succeededFuture()), Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(30)).until(all::isComplete);
        assertThat(all.succeeded()).isTrue();
    }
}
