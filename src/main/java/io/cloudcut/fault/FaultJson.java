package io.cloudcut.fault;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The fault API's JSON: a fault's envelope in and out, a link out. */
final class FaultJson {

    private static final Set<String> FIELDS = new TreeSet<>(Set.of("type", "name", "direction", "target", "attributes"));
    private static final String BOTH = "both";

    private FaultJson() {
    }

    /**
     * A fault from {@code {"type", "name", "direction", "target", "attributes"}}; only the type is
     * required, the name defaults to {@code <type>_<direction>} as in Toxiproxy.
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
        return new NamedFault(text(json, "name", type + "_" + direction), type, direction(direction),
                target(json.getValue("target")), attributes(json.getValue("attributes")));
    }

    static JsonObject toJson(NamedFault fault) {
        FaultTarget target = fault.target();
        Object targetJson = target.links() != null ? new JsonArray(target.links())
                : target.percent() != null ? new JsonObject().put("percent", target.percent()) : "all";
        return new JsonObject()
                .put("name", fault.name())
                .put("type", fault.type())
                .put("direction", fault.direction() == null ? BOTH : fault.direction().name().toLowerCase(Locale.ROOT))
                .put("target", targetJson)
                .put("attributes", new JsonObject(fault.attributes()));
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
            return new FaultTarget(ids.stream().map(String.class::cast).toList(), null);
        }
        if (json instanceof JsonObject share && share.fieldNames().equals(Set.of("percent")) && share.getValue("percent") instanceof Integer percent) {
            return new FaultTarget(null, percent);
        }
        throw new IllegalArgumentException("Field 'target' must be \"all\", a list of link ids or {\"percent\": 0-100}, got " + json);
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
