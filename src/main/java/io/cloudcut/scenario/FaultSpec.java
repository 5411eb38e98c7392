package io.cloudcut.scenario;

import java.util.Set;

/**
 * A fault a phase applies at its start and reverts at its end: to a cloud {@code service}
 * ({@code down}), or to device {@code link}s ({@code all} or one model's devices: one of
 * {@link #LINK_FAULTS}, with its default attributes).
 */
public record FaultSpec(String service, String link, String fault) {

    /** Fault kinds a link takes; the fault package registers one class per name. */
    public static final Set<String> LINK_FAULTS = Set.of(
            "bandwidth", "blackhole", "flap", "latency", "loss", "refuse", "reset", "slow-close");
    /** Fault kinds a cloud service takes. */
    public static final Set<String> SERVICE_FAULTS = Set.of("down");
    /** The link target meaning every device. */
    public static final String ALL_LINKS = "all";

    public FaultSpec {
        Checks.check(service != null ^ link != null, "a fault names either a 'service' or a 'link', not both");
        Checks.present(fault, "fault");
        Set<String> known = service != null ? SERVICE_FAULTS : LINK_FAULTS;
        Checks.check(known.contains(fault), "unknown " + (service != null ? "service" : "link") + " fault '"
                + fault + "' (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
    }

    public boolean targetsService() {
        return service != null;
    }

    @Override
    public String toString() {
        return fault + " " + (service != null ? "service " + service : "link " + link);
    }
}
