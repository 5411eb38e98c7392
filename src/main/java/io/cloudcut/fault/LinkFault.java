package io.cloudcut.fault;

/**
 * One kind of network fault on a link, in the manner of a Toxiproxy toxic. The link calls these hooks
 * on its own event loop, one at a time, so an implementation needs no locking; a hook must not block.
 * Every hook has a harmless default, so a fault overrides only what it changes.
 */
public interface LinkFault {

    /** What happens to bytes read from one side before they reach the other. */
    enum Verdict {
        FORWARD,
        /**
         * Bytes are discarded and counted in {@link LinkStats#bytesDropped()}; a close is not passed on,
         * so the other side stays open until the fault changes.
         */
        DROP
    }

    /** The name under which {@link LinkFaults#named(String)} knows this fault. */
    String name();

    /** Whether the link keeps its listening socket open while this fault is active. */
    default boolean acceptsConnections() {
        return true;
    }

    /** Called once when the fault becomes active, with the connections already open. */
    default void onApply(LinkControl link) {
    }

    /** Called for each connection accepted while the fault is active, before it is connected upstream. */
    default void onNewConnection(ProxiedConnection connection) {
    }

    /** Decides the fate of {@code length} bytes read from one side of a connection. */
    default Verdict onBytes(Direction direction, int length) {
        return Verdict.FORWARD;
    }

    /**
     * Decides whether one side closing (travelling in {@code direction}) closes the other side too.
     * Asked again for connections left half open when the link's fault changes.
     */
    default Verdict onClose(Direction direction) {
        return Verdict.FORWARD;
    }
}
