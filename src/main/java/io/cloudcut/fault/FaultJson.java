package io.cloudcut.fault;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/** The fault API's JSON: a fault's envelope in and out; a link, a connection and an event out. */
final class FaultJson {

    private static final Set<String> FIELDS = new TreeSet<>(
            Set.of("type", "name", "direction", "target", "toxicity", "seed", "duration", "attributes"));
    private static final String BOTH = "both";
    /** The longest a fault with a duration lasts: a day. */
    private static final long MAX_DURATION_MILLIS = 86_400_000;

    private FaultJson() {
    }

    /**
     * A fault from {@code {"type", "name", "direction", "target", "toxicity", "seed", "duration",
     * "attributes"}}; only the type is required, the name defaults to {@code <type>_<direction>} as in
     * Toxiproxy, and a toxicity below 1 without a seed gets a random one, listed with the fault.
     *
     * @throws IllegalArgumentException if the body is not a JSON object, or a field is unknown, missing or of the wrong kind
     */
    static NamedFault parse(Buffer body) {
        if (body.length() == 0) {
            throw new IllegalArgumentException("The body must be a JSON object with at least a 'type'");
        }
        JsonObject json;
        try {
            json = body.toJsonObject();
        } catch (DecodeException notAnObject) {
            throw new IllegalArgumentException("The body must be a JSON object: " + notAnObject.getMessage());
        }
        json.fieldNames().stream().filter(field -> !FIELDS.contains(field)).findFirst().ifPresent(field -> {
            throw new IllegalArgumentException("Unknown field '" + field + "'; a fault has: " + String.join(", ", FIELDS));
        });
        String type = text(json, "type", null);
        if (type == null) {
            throw new IllegalArgumentException("Field 'type' is required: one of " + String.join(", ", LinkFaults.names()));
        }
        String direction = text(json, "direction", BOTH).toLowerCase(Locale.ROOT);
        Long duration = whole(json, "duration", 1, MAX_DURATION_MILLIS);
        return new NamedFault(text(json, "name", type + "_" + direction), type, direction(direction),
                target(json.getValue("target")), toxicity(json), duration == null ? null : Duration.ofMillis(duration),
                attributes(json.getValue("attributes")));
    }

    /** A fault as posted, with {@code toxicity} and {@code seed} if it acts on a share of connections and {@code duration} if it has one. */
    static JsonObject toJson(NamedFault fault) {
        FaultTarget target = fault.target();
        Object targetJson = target.links() != null ? new JsonArray(target.links())
                : target.percent() != null ? new JsonObject().put("percent", target.percent())
                : target.clients() != null ? new JsonObject().put("clients", new JsonArray(target.clients())) : "all";
        JsonObject json = new JsonObject()
                .put("name", fault.name())
                .put("type", fault.type())
                .put("direction", fault.direction() == null ? BOTH : fault.direction().name().toLowerCase(Locale.ROOT))
                .put("target", targetJson);
        if (fault.toxicity().share() < 1) {
            json.put("toxicity", fault.toxicity().share()).put("seed", fault.toxicity().seed());
        }
        if (fault.duration() != null) {
            json.put("duration", fault.duration().toMillis());
        }
        return json.put("attributes", new JsonObject(fault.attributes()));
    }

    /** A connection, with the faults acting on it by name as {@code board} knows them (by type if applied otherwise). */
    static JsonObject toJson(ConnectionView connection, FaultBoard board) {
        JsonObject since = new JsonObject();
        connection.since().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> since.put(entry.getKey().label(), entry.getValue().toString()));
        return new JsonObject()
                .put("id", connection.id())
                .put("link", connection.link())
                .put("clientId", connection.clientId())
                .put("mqttVersion", connection.mqttVersion())
                .put("state", connection.state().label())
                .put("since", since)
                .put("bytesUp", connection.bytesUp())
                .put("bytesDown", connection.bytesDown())
                .put("packetsUp", connection.packetsUp())
                .put("packetsDown", connection.packetsDown())
                .put("connackCodes", new JsonArray(connection.connackCodes()))
                .put("faults", new JsonArray(connection.faults().stream().map(fault -> faultName(fault, board)).toList()));
    }

    /** One line of the event stream. */
    static JsonObject toJson(ProxyEvent event) {
        JsonObject json = new JsonObject().put("time", event.time().toString()).put("event", event.event());
        event.about().forEach(json::put);
        return json;
    }

    private static String faultName(LinkFault fault, FaultBoard board) {
        return board.madeFrom(fault).map(NamedFault::name).orElse(fault.name());
    }

    /**
     * A link with its active faults in the order they judge bytes, each as the fault API took it (name,
     * type, direction, target, attributes), so that two of one type are told apart; a fault applied to
     * the link other than through {@code board} has its type only.
     */
    static JsonObject toJson(Link link, FaultBoard board) {
        List<JsonObject> faults = link.faults().stream()
                .map(fault -> board.madeFrom(fault).map(FaultJson::toJson).orElseGet(() -> new JsonObject().put("type", fault.name())))
                .toList();
        return new JsonObject()
                .put("id", link.id())
                .put("port", link.port())
                .put("openConnections", link.openConnections())
                .put("faults", new JsonArray(faults))
                .put("stats", JsonObject.mapFrom(link.stats()));
    }

    private static String text(JsonObject json, String field, String fallback) {
        Object value = json.getValue(field);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException("Field '" + field + "' must be a string, got " + value);
        }
        return text;
    }

    private static Long whole(JsonObject json, String field, long min, long max) {
        Object value = json.getValue(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < min || ((Number) value).longValue() > max) {
            throw new IllegalArgumentException("Field '" + field + "' must be a whole number from " + min + " to " + max + ", got " + value);
        }
        return ((Number) value).longValue();
    }

    private static Toxicity toxicity(JsonObject json) {
        Object share = json.getValue("toxicity");
        Long seed = whole(json, "seed", Long.MIN_VALUE, Long.MAX_VALUE);
        if (share == null) {
            if (seed != null) {
                throw new IllegalArgumentException("Field 'seed' draws the connections of a 'toxicity' below 1, which is missing");
            }
            return Toxicity.EVERY;
        }
        if (!(share instanceof Number number)) {
            throw new IllegalArgumentException("Field 'toxicity' must be a number from 0 to 1, got " + share);
        }
        return new Toxicity(number.doubleValue(), seed != null ? seed : ThreadLocalRandom.current().nextLong());
    }

    private static Direction direction(String name) {
        return switch (name) {
            case "upstream" -> Direction.UPSTREAM;
            case "downstream" -> Direction.DOWNSTREAM;
            case BOTH -> null;
            default -> throw new IllegalArgumentException("Field 'direction' must be upstream, downstream or both, got '" + name + "'");
        };
    }

    private static FaultTarget target(Object json) {
        if (json == null || "all".equals(json)) {
            return FaultTarget.ALL;
        }
        if (json instanceof JsonArray ids && ids.stream().allMatch(String.class::isInstance)) {
            return new FaultTarget(ids.stream().map(String.class::cast).toList(), null, null);
        }
        if (json instanceof JsonObject share && share.fieldNames().equals(Set.of("percent")) && share.getValue("percent") instanceof Integer percent) {
            return new FaultTarget(null, percent, null);
        }
        if (json instanceof JsonObject named && named.fieldNames().equals(Set.of("clients"))
                && named.getValue("clients") instanceof JsonArray clients && clients.stream().allMatch(String.class::isInstance)) {
            return new FaultTarget(null, null, clients.stream().map(String.class::cast).toList());
        }
        throw new IllegalArgumentException("Field 'target' must be \"all\", a list of link ids, {\"percent\": 0-100} or "
                + "{\"clients\": [client ids or patterns such as \"robot-*\"]}, got " + json);
    }

    private static Map<String, Object> attributes(Object json) {
        if (json == null) {
            return Map.of();
        }
        if (!(json instanceof JsonObject attributes)) {
            throw new IllegalArgumentException("Field 'attributes' must be a JSON object, got " + json);
        }
        return attributes.getMap();
    }
}
