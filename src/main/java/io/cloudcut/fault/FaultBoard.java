package io.cloudcut.fault;

import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The named faults active on a proxy's links. Each link gets its own instance of a fault, so that
 * stateful faults (a rate, a random sequence, a flap timer) act per link; several faults on one link
 * judge bytes in the order they were added. A fault with a duration removes itself when it is over.
 * Every change is announced on the proxy's {@link ProxyEvents}. Safe to call from any thread but the proxy's.
 */
public final class FaultBoard implements AutoCloseable {

    private record Placed(NamedFault fault, Map<Link, LinkFault> onLinks) {
    }

    private final FaultProxy proxy;
    private final Map<String, Placed> placed = new LinkedHashMap<>();
    /** Removes faults whose duration is over; its own thread, for a removal waits for the links' event loops. */
    private final ScheduledExecutorService expiry =
            Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("cloudcut-fault-expiry", true));

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
        ConnectionChoice choice = fault.choice();
        Map<Link, LinkFault> onLinks = new LinkedHashMap<>();
        fault.target().select(proxy).forEach(link -> onLinks.put(link, fault.create()));
        // Before it acts, so that what it does to connections follows it on the event stream.
        announce("fault-added", fault);
        onLinks.forEach((link, made) -> link.add(made, choice));
        if (oneShot) {
            onLinks.forEach(Link::remove);
            announce("fault-done", fault);
            return Added.DONE;
        }
        Placed placing = new Placed(fault, onLinks);
        placed.put(fault.name(), placing);
        if (fault.duration() != null) {
            expiry.schedule(() -> expire(placing), fault.duration().toMillis(), TimeUnit.MILLISECONDS);
        }
        return Added.ACTIVE;
    }

    /** @return false if no fault has that name */
    public synchronized boolean remove(String name) {
        Placed removed = placed.remove(name);
        if (removed == null) {
            return false;
        }
        removed.onLinks().forEach(Link::remove);
        announce("fault-removed", removed.fault());
        return true;
    }

    /** Removes every fault. */
    public synchronized void reset() {
        List.copyOf(placed.keySet()).forEach(this::remove);
    }

    /** The active fault of that name. */
    public synchronized Optional<NamedFault> fault(String name) {
        return Optional.ofNullable(placed.get(name)).map(Placed::fault);
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

    /** Stops the timers of faults with a duration; the faults stay as they are. */
    @Override
    public void close() {
        expiry.shutdownNow();
    }

    private synchronized void expire(Placed placing) {
        // Removed by hand, and perhaps its name taken again, before its time was up: not this fault any more.
        if (placed.get(placing.fault().name()) != placing) {
            return;
        }
        placed.remove(placing.fault().name());
        placing.onLinks().forEach(Link::remove);
        announce("fault-expired", placing.fault());
    }

    private void announce(String event, NamedFault fault) {
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("fault", fault.name());
        about.put("type", fault.type());
        proxy.events().publish(event, about);
    }
}
