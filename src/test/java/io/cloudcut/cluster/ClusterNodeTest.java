package io.cloudcut.cluster;

import io.cloudcut.testing.FreePorts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A coordinator that finds no worker in its cluster says so in a user's words, not Hazelcast's. */
class ClusterNodeTest {

    @Test
    void aCoordinatorAloneIsToldToStartWorkersFirst() throws IOException {
        int port = FreePorts.onLoopback(); // a cluster of its own, where no other test's workers are
        Future<Vertx> joined = ClusterNode.join(new ClusterSettings("127.0.0.1", port, List.of("127.0.0.1:" + port)), true);

        await().atMost(Duration.ofSeconds(60)).until(joined::isComplete);
        if (joined.succeeded()) {
            joined.result().close();
        }
        assertThat(joined.failed()).as("joined a cluster with no data member").isTrue();
        assertThat(joined.cause()).hasMessageContaining("no worker is up in the cluster")
                .hasMessageContaining("start `cloudcut worker` in each process");
    }
}
