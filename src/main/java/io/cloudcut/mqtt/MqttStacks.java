package io.cloudcut.mqtt;

import io.cloudcut.scenario.ClientStack;
import io.vertx.core.Vertx;

/** An adapter for each {@link ClientStack} a device model can name in its {@code client} field. */
public final class MqttStacks {

    private MqttStacks() {
    }

    /**
     * A connection on the stack of this wire name; must be called on the owning verticle's context.
     *
     * @throws IllegalArgumentException for a name CloudCut does not have, naming those it has
     */
    public static DeviceConnection create(String stack, Vertx vertx, ConnectionSettings settings,
                                          ConnectionListener listener) {
        // Over the enum, with no default: a stack added to it does not compile here until it has an adapter.
        return switch (ClientStack.named(stack).orElseThrow(() -> new IllegalArgumentException(ClientStack.unknown(stack)))) {
            case VERTX -> new VertxMqttConnection(vertx, settings, listener);
            case PAHO_V3 -> new PahoV3Connection(vertx, settings, listener);
            case PAHO_V5 -> new PahoV5Connection(vertx, settings, listener);
            case HIVEMQ_V3 -> new HiveMqV3Connection(vertx, settings, listener);
            case HIVEMQ_V5 -> new HiveMqV5Connection(vertx, settings, listener);
        };
    }

    /**
     * Whether the stack of this wire name holds threads of its own for each connected client (Paho: its receiver,
     * sender and callbacks), which cost a fleet on it more CPU a device than the event-loop stacks do.
     */
    public static boolean threadsPerClient(String stack) {
        return switch (ClientStack.named(stack).orElseThrow(() -> new IllegalArgumentException(ClientStack.unknown(stack)))) {
            case PAHO_V3, PAHO_V5 -> true;
            case VERTX, HIVEMQ_V3, HIVEMQ_V5 -> false;
        };
    }

    /**
     * Threads the stacks keep alive but idle for connections to come (Paho's shared pool, {@link PahoThreads}): no
     * client's now. A count of the threads clients hold leaves them out: a round of clients after another reuses them.
     */
    public static int idleClientThreads() {
        return PahoThreads.SHARED.idleLoopThreads();
    }

    /**
     * Paho's connects that waited for ever in this JVM so far, by device, found and ended ({@link StuckConnects}): the mark
     * from which a run counts its own with {@link StuckConnects#since}.
     */
    public static StuckConnects stuckConnects() {
        return PahoThreads.SHARED.connects().stuck();
    }

    /**
     * As {@link #stuckConnects()}, once Paho's connects waiting for a loop now have been looked at long enough to tell:
     * for a fleet that has stopped. Takes up to four seconds while any of its connects still runs.
     */
    public static StuckConnects stuckConnectsOnceSettled() {
        return PahoThreads.SHARED.connects().stuckOnceSettled();
    }
}
