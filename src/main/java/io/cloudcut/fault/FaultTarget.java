package io.cloudcut.fault;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The links a named fault acts on: all, some by id ({@code links}), or {@code percent} of them (the
 * first by id, rounded up, so that the choice is the same on every run).
 */
public record FaultTarget(List<String> links, Integer percent) {

    public static final FaultTarget ALL = new FaultTarget(null, null);

    public FaultTarget {
        if (links != null && percent != null) {
            throw new IllegalArgumentException("A target is links or a percentage, not both");
        }
        if (percent != null && (percent < 0 || percent > 100)) {
            throw new IllegalArgumentException("Target percent must be from 0 to 100, got " + percent);
        }
        links = links == null ? null : List.copyOf(links);
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
}
