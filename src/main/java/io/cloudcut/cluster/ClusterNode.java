package io.cloudcut.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.partition.NoDataMemberInClusterException;
import io.cloudcut.mqtt.NativeTransport;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * Joins a Vert.x cluster with the Hazelcast cluster manager: membership and event-bus routing are
 * theirs, not ours. Binds only the interface the settings name, never announces itself to the
 * internet (no phone-home, no multicast), and logs through the application's logging.
 */
public final class ClusterNode {

    private ClusterNode() {
    }

    /**
     * A clustered Vert.x instance, once it has joined the members it could reach. A {@code passing}
     * member (a run's coordinator) holds none of the cluster's data: its coming and going moves no
     * partition between the members that stay (the workers), which would cost them CPU while a run
     * measures them.
     */
    public static Future<Vertx> join(ClusterSettings settings, boolean passing) {
        Config config = ConfigUtil.loadConfig();
        config.setLiteMember(passing);
        config.setClusterName("cloudcut");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        // Members are named, not discovered: no need to wait for more to show up before joining.
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(settings.port()).setPortAutoIncrement(true);
        network.getInterfaces().setEnabled(true).addInterface(settings.host());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(settings.members());
        VertxOptions options = NativeTransport.vertxOptions()
                .setEventBusOptions(new EventBusOptions().setHost(settings.host()).setPort(0));
        Future<Vertx> joined = Vertx.builder().with(options).withClusterManager(new HazelcastClusterManager(config)).buildClustered();
        return passing ? joined.recover(ClusterNode::saidPlainly) : joined;
    }

    /** Hazelcast's words for a cluster of passing members alone ("all nodes in the cluster are lite members"). */
    private static Future<Vertx> saidPlainly(Throwable failed) {
        for (Throwable cause = failed; cause != null; cause = cause.getCause()) {
            if (cause instanceof NoDataMemberInClusterException) {
                return Future.failedFuture(new IllegalStateException("no worker is up in the cluster (a coordinator "
                        + "holds none of its data): start `cloudcut worker` in each process the fleet is spread over first", failed));
            }
        }
        return Future.failedFuture(failed);
    }
}
