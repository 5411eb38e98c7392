package io.cloudcut.cloud;

import io.cloudcut.scenario.CloudSpec;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The services of a cloud and what each needs. Given the services a fault takes down, it tells which
 * are down and because of which: a service is down when it is faulted itself or when anything it
 * needs is down.
 */
public final class ServiceGraph {

    private final Map<String, java.util.List<String>> needs = new TreeMap<>();

    public ServiceGraph(CloudSpec cloud) {
        cloud.services().forEach((name, spec) -> needs.put(name, spec.needs()));
    }

    public Set<String> services() {
        return needs.keySet();
    }

    /**
     * Every service that is down, mapped to the faulted service that took it down (itself when
     * faulted directly), in name order.
     */
    public Map<String, String> downBecause(Collection<String> faulted) {
        Map<String, String> down = new LinkedHashMap<>();
        for (String service : needs.keySet()) {
            String cause = rootCause(service, Set.copyOf(faulted));
            if (cause != null) {
                down.put(service, cause);
            }
        }
        return down;
    }

    private String rootCause(String service, Set<String> faulted) {
        if (faulted.contains(service)) {
            return service;
        }
        for (String need : needs.get(service)) {
            String cause = rootCause(need, faulted);
            if (cause != null) {
                return cause;
            }
        }
        return null;
    }
}
