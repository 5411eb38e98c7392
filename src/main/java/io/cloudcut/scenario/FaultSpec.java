package io.cloudcut.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A fault a phase applies at its start and reverts at its end.
 * <ul>
 *   <li>On a cloud {@code service}: {@code down}, {@code error}, {@code slow} (attribute
 *   {@code latency}, e.g. {@code 800ms}, in real time: each request waits that long, as it would on
 *   the network and in the protocol a slow service stands for, so that the scale multiplies it) or
 *   {@code throttled} (attributes {@code rate}, a {@link Rate} of scenario time such as
 *   {@code 30/min}, in the time in which devices renew and report, and {@code queue}, default
 *   100).</li>
 *   <li>On the {@code broker} ({@code embedded}: CloudCut can only stop a broker it runs):
 *   {@code down} (stopped for the phase) or {@code restart} (restarted every {@code attributes.every}
 *   of scenario time during the phase).</li>
 *   <li>On device links: a {@code link} target ({@code all} or a model of the fleet) or a list of
 *   {@code devices}, optionally only the first {@code percent} of them; one of {@link #LINK_FAULTS},
 *   in one {@code direction} ({@code upstream}, {@code downstream}; default both) with its
 *   {@code attributes} (times in milliseconds of real time, like the network they delay).</li>
 *   <li>On the devices behind those links, the same targets: one of {@link #DEVICE_FAULTS}.
 *   {@code cert-expiry} (mutual TLS runs only) lets the devices' client certificates lapse at the
 *   phase's start: connections already up stay up, as TLS checks certificates only in a handshake,
 *   and every reconnect is refused; at the phase's end the certificates are renewed.</li>
 * </ul>
 */
public record FaultSpec(String service, String broker, String link, List<String> devices, Integer percent,
                        String fault, String direction, Map<String, Object> attributes) {

    /** Fault kinds a link takes: {@link LinkFaultKind}'s names; the fault package registers one class for each. */
    public static final Set<String> LINK_FAULTS = Stream.of(LinkFaultKind.values()).map(WireNames::of)
            .collect(Collectors.toUnmodifiableSet());
    /** Fault kinds on the devices behind links, which take the same targets as link faults. */
    public static final Set<String> DEVICE_FAULTS = Set.of("cert-expiry");
    /** Fault kinds a cloud service takes: {@link ServiceFault}'s names. */
    public static final Set<String> SERVICE_FAULTS = Stream.of(ServiceFault.values()).map(WireNames::of)
            .collect(Collectors.toUnmodifiableSet());
    /** Fault kinds the broker takes: {@link BrokerFault}'s names. */
    public static final Set<String> BROKER_FAULTS = Stream.of(BrokerFault.values()).map(WireNames::of)
            .collect(Collectors.toUnmodifiableSet());
    /** The only broker CloudCut can stop and start. */
    public static final String EMBEDDED_BROKER = "embedded";
    /** The link target meaning every device. */
    public static final String ALL_LINKS = "all";
    private static final Set<String> DIRECTIONS = Set.of("upstream", "downstream", "both");

    public FaultSpec {
        int targets = (service != null ? 1 : 0) + (broker != null ? 1 : 0) + (link != null ? 1 : 0)
                + (devices != null ? 1 : 0);
        Checks.check(targets == 1, "a fault names one target: a 'service', the 'broker', a 'link' or a list of 'devices'");
        Checks.present(fault, "fault");
        devices = devices == null ? null : List.copyOf(devices);
        attributes = Map.copyOf(Checks.orDefault(attributes, Map.of()));
        String targetKind = service != null ? "service" : broker != null ? "broker" : "link";
        Set<String> known = service != null ? SERVICE_FAULTS : broker != null ? BROKER_FAULTS
                : Stream.concat(LINK_FAULTS.stream(), DEVICE_FAULTS.stream()).collect(Collectors.toSet());
        Checks.check(known.contains(fault), "unknown " + targetKind + " fault '"
                + fault + "' (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
        if (broker != null) {
            Checks.check(EMBEDDED_BROKER.equals(broker), "only the 'embedded' broker can be stopped and restarted");
            Checks.check(percent == null && direction == null, "'percent' and 'direction' are for link faults");
            checkBrokerAttributes(BrokerFault.named(fault).orElseThrow(), attributes);
        } else if (service != null) {
            Checks.check(percent == null && direction == null, "'percent' and 'direction' are for link faults");
            checkServiceAttributes(ServiceFault.named(fault).orElseThrow(), attributes);
        } else {
            Checks.check(percent == null || (percent >= 1 && percent <= 100), "percent must be between 1 and 100");
            Checks.check(direction == null || DIRECTIONS.contains(direction),
                    "direction must be upstream, downstream or both");
            if (DEVICE_FAULTS.contains(fault)) {
                Checks.check(direction == null && attributes.isEmpty(),
                        "a '" + fault + "' fault takes no 'direction' and no attributes");
            }
        }
    }

    public boolean targetsService() {
        return service != null;
    }

    public boolean targetsBroker() {
        return broker != null;
    }

    public boolean targetsLinks() {
        return service == null && broker == null;
    }

    /** The kind of a fault on a service; empty for any other target. */
    public Optional<ServiceFault> serviceFault() {
        return service == null ? Optional.empty() : ServiceFault.named(fault);
    }

    /** Whether it is a link fault of this kind. */
    public boolean is(LinkFaultKind kind) {
        return targetsLinks() && WireNames.of(kind).equals(fault);
    }

    /** Whether it is a service fault of this kind. */
    public boolean is(ServiceFault kind) {
        return serviceFault().filter(kind::equals).isPresent();
    }

    /** The kind of a fault on the broker; empty for any other target. */
    public Optional<BrokerFault> brokerFault() {
        return broker == null ? Optional.empty() : BrokerFault.named(fault);
    }

    /** Whether it acts on the devices behind the targeted links (their certificates), not on the links. */
    public boolean onDevices() {
        return targetsLinks() && DEVICE_FAULTS.contains(fault);
    }

    /** For a broker {@code restart}: how often, in scenario time. */
    public Duration every() {
        return Durations.parse(String.valueOf(attributes.get("every")));
    }

    /** For a {@code slow} service: how long each request waits. */
    public Duration latency() {
        return Durations.parse(String.valueOf(attributes.get("latency")));
    }

    /** For a {@code throttled} service: how many requests it takes per period of scenario time. */
    public Rate rate() {
        return Rate.parse(String.valueOf(attributes.get("rate")));
    }

    /** For a {@code throttled} service: how many requests may wait. */
    public int queue() {
        return ((Number) attributes.getOrDefault("queue", 100)).intValue();
    }

    /**
     * The same fault for a fleet {@code factor} times the scenario's own: a throttled service's rate and
     * queue are capacities sized for that fleet, and grow or shrink with it (a queue of at least one
     * unless it was none); every other fault is the same whatever the fleet.
     */
    FaultSpec forFleetTimes(double factor) {
        if (factor == 1 || !is(ServiceFault.THROTTLED)) {
            return this;
        }
        Map<String, Object> resized = new java.util.LinkedHashMap<>(attributes);
        Rate rate = rate();
        resized.put("rate", new Rate(Durations.significant(rate.count() * factor, 6), rate.period()).toString());
        resized.put("queue", queue() == 0 ? 0 : (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(queue() * factor))));
        return new FaultSpec(service, broker, link, devices, percent, fault, direction, resized);
    }

    @Override
    public String toString() {
        String target = service != null ? "service " + service
                : broker != null ? "broker"
                : (devices != null ? "devices " + String.join(",", devices) : "link " + link)
                + (percent != null ? " (" + percent + "%)" : "")
                + (direction != null ? " " + direction : "");
        return fault + " " + target + (attributes.isEmpty() ? "" : " " + attributes);
    }

    private static void checkServiceAttributes(ServiceFault fault, Map<String, Object> attributes) {
        Set<String> allowed = fault.attributes();
        for (String name : attributes.keySet()) {
            Checks.check(allowed.contains(name), "a '" + WireNames.of(fault) + "' service fault takes "
                    + (allowed.isEmpty() ? "no attributes" : "only " + String.join(", ", allowed.stream().sorted().toList()))
                    + ", not '" + name + "'");
        }
        if (fault == ServiceFault.SLOW && !(attributes.get("latency") instanceof String text && isDuration(text))) {
            throw new FieldProblem("/attributes/latency",
                    "a 'slow' service fault needs attributes.latency, a duration of real time such as 800ms");
        }
        if (fault == ServiceFault.THROTTLED) {
            if (!attributes.containsKey("rate")) {
                throw new FieldProblem("/attributes", "a 'throttled' service fault needs attributes.rate, a count "
                        + "per period of scenario time such as 30/min");
            }
            try {
                Rate.parse(String.valueOf(attributes.get("rate")));
            } catch (IllegalArgumentException notARate) {
                throw new FieldProblem("/attributes/rate", notARate.getMessage());
            }
            if (attributes.containsKey("queue") && !(attributes.get("queue") instanceof Integer queue && queue >= 0)) {
                throw new FieldProblem("/attributes/queue", "attributes.queue must be a whole number of requests, 0 or more");
            }
        }
    }

    private static void checkBrokerAttributes(BrokerFault fault, Map<String, Object> attributes) {
        Set<String> allowed = fault.attributes();
        for (String name : attributes.keySet()) {
            Checks.check(allowed.contains(name), "a broker '" + WireNames.of(fault) + "' fault takes "
                    + (allowed.isEmpty() ? "no attributes" : "only " + String.join(", ", allowed.stream().sorted().toList()))
                    + ", not '" + name + "'");
        }
        if (fault == BrokerFault.RESTART) {
            Checks.check(attributes.get("every") instanceof String text && isDuration(text)
                            && !Durations.parse(text).isZero(),
                    "a broker 'restart' needs attributes.every, a duration such as 10m");
        }
    }

    private static boolean isDuration(String text) {
        try {
            Durations.parse(text);
            return true;
        } catch (IllegalArgumentException notOne) {
            return false;
        }
    }
}
