package io.cloudcut.fault;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * What a named fault acts on: all links, some by id ({@code links}), {@code percent} of them (the
 * first by id, rounded up, so that the choice is the same on every run), or on every link the
 * connections whose MQTT client id matches one of {@code clients} (exact ids, or globs such as
 * {@code robot-*}). At most one of the three is given.
 */
public record FaultTarget(List<String> links, Integer percent, List<String> clients) {

    public static final FaultTarget ALL = new FaultTarget(null, null, null);

    public FaultTarget {
        if ((links != null ? 1 : 0) + (percent != null ? 1 : 0) + (clients != null ? 1 : 0) > 1) {
            throw new IllegalArgumentException("A target is links, a percentage or clients, only one of them");
        }
        if (percent != null && (percent < 0 || percent > 100)) {
            throw new IllegalArgumentException("Target percent must be from 0 to 100, got " + percent);
        }
        if (clients != null && clients.isEmpty()) {
            throw new IllegalArgumentException("Target clients needs at least one client id or pattern");
        }
        links = links == null ? null : List.copyOf(links);
        clients = clients == null ? null : List.copyOf(clients);
        if (clients != null) {
            clients.forEach(ClientPattern::new);
        }
    }

    /** @throws IllegalArgumentException if a link named here is not open; the message lists the open ones */
    List<Link> select(FaultProxy proxy) {
        if (links != null) {
            return links.stream().map(proxy::link).toList();
        }
        Collection<Link> open = proxy.links();
        long count = percent == null ? open.size() : (open.size() * percent + 99) / 100;
        return open.stream().sorted(Comparator.comparing(Link::id)).limit(count).toList();
    }

    /** The connections of a selected link that the fault acts on, with its {@code toxicity}. */
    ConnectionChoice choice(Toxicity toxicity) {
        return new ConnectionChoice(clients == null ? List.of() : clients.stream().map(ClientPattern::new).toList(), toxicity);
    }
}
