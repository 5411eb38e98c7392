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
     * The condition of every service that is not up, given the faults on some of them: a faulted
     * service is in its fault's condition; a service that needs one that does not answer (down or
     * erroring) is down, with that service as its cause. In name order.
     */
    public Map<String, ServiceCondition> conditions(Map<String, ServiceCondition> faulted) {
        Map<String, ServiceCondition> conditions = new LinkedHashMap<>();
        for (String service : needs.keySet()) {
            ServiceCondition own = faulted.get(service);
            if (own != null && own.takesDependentsDown()) {
                conditions.put(service, own);
                continue;
            }
            String cause = rootCause(service, faulted);
            if (cause != null && !cause.equals(service)) {
                conditions.put(service, ServiceCondition.down(cause));
            } else if (own != null) {
                conditions.put(service, own);
            }
        }
        return conditions;
    }

    /** Shorthand for services simply down: each down service with the faulted service that took it down. */
    public Map<String, String> downBecause(Collection<String> faulted) {
        Map<String, ServiceCondition> down = new LinkedHashMap<>();
        faulted.forEach(service -> down.put(service, ServiceCondition.down(service)));
        Map<String, String> causes = new LinkedHashMap<>();
        conditions(down).forEach((service, condition) -> causes.put(service, condition.cause()));
        return causes;
    }

    private String rootCause(String service, Map<String, ServiceCondition> faulted) {
        ServiceCondition own = faulted.get(service);
        if (own != null && own.takesDependentsDown()) {
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
