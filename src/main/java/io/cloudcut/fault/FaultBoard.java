package io.cloudcut.fault;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The named faults active on a proxy's links. Each link gets its own instance of a fault, so that
 * stateful faults (a rate, a random sequence, a flap timer) act per link; several faults on one link
 * judge bytes in the order they were added. Safe to call from any thread but the proxy's.
 */
public final class FaultBoard {

    private record Placed(NamedFault fault, Map<Link, LinkFault> onLinks) {
    }

    private final FaultProxy proxy;
    private final Map<String, Placed> placed = new LinkedHashMap<>();

    public FaultBoard(FaultProxy proxy) {
        this.proxy = proxy;
    }

    /** What became of a fault given to {@link #add}. */
    public enum Added {
        /** It acts on its links until removed. */
        ACTIVE,
        /** A one-shot fault: it acted on its links and is gone, leaving its name free. */
        DONE,
        /** Nothing changed: a fault of that name is active. */
        NAME_TAKEN
    }

    /**
     * Applies {@code fault} to the links of its target, as they are now; a one-shot fault is applied
     * and removed at once, so that it is never listed as active.
     *
     * @throws IllegalArgumentException if the type, direction, attributes or target are wrong
     */
    public synchronized Added add(NamedFault fault) {
        if (placed.containsKey(fault.name())) {
            return Added.NAME_TAKEN;
        }
        // Made even when no link is targeted, so that wrong attributes are reported all the same.
        boolean oneShot = fault.create().oneShot();
        Map<Link, LinkFault> onLinks = new LinkedHashMap<>();
        fault.target().select(proxy).forEach(link -> onLinks.put(link, fault.create()));
        onLinks.forEach(Link::add);
        if (oneShot) {
            onLinks.forEach(Link::remove);
            return Added.DONE;
        }
        placed.put(fault.name(), new Placed(fault, onLinks));
        return Added.ACTIVE;
    }

    /** @return false if no fault has that name */
    public synchronized boolean remove(String name) {
        Placed removed = placed.remove(name);
        if (removed == null) {
            return false;
        }
        removed.onLinks().forEach(Link::remove);
        return true;
    }

    /** Removes every fault. */
    public synchronized void reset() {
        List.copyOf(placed.keySet()).forEach(this::remove);
    }

    /** The named fault that {@code fault}, active on a link, was made from; empty for one applied to the link directly. */
    public synchronized Optional<NamedFault> madeFrom(LinkFault fault) {
        return placed.values().stream()
                .filter(placing -> placing.onLinks().values().stream().anyMatch(made -> made == fault))
                .map(Placed::fault)
                .findFirst();
    }

    /** The active faults, oldest first. */
    public synchronized List<NamedFault> faults() {
        return placed.values().stream().map(Placed::fault).toList();
    }
}
