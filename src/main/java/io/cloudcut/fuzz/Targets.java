package io.cloudcut.fuzz;

import io.cloudcut.cloud.CloudTopics;
import io.cloudcut.cloud.Holds;
import io.cloudcut.cloud.Payloads;
import io.cloudcut.dashboard.mqtt.DeviceConventions;
import io.cloudcut.scenario.FunctionSpec;
import io.cloudcut.scenario.ServiceKind;
import io.cloudcut.scenario.Trigger;
import io.cloudcut.scenario.WireNames;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Every topic the devices of a fuzz run and the cloud's services read, with what each topic's
 * protocol takes and what it must refuse. Messages the fuzzer sends to a service name a device that
 * does not exist, so that what a service passes on reaches no device of the run.
 */
final class Targets {

    static final String NOBODY = "fuzz-nobody";
    private static final String LONG_TEXT = "x".repeat(Payloads.MAX_TEXT_CHARS + 1);

    private Targets() {
    }

    static List<Target> of(List<FuzzedDevice> devices, Collection<String> services) {
        List<Target> targets = new ArrayList<>();
        for (FuzzedDevice device : devices) {
            targets.add(command(device));
            targets.add(auth(device));
            targets.addAll(dashboard(device));
        }
        targets.add(new Target(DeviceConventions.HOME_ASSISTANT_STATUS, devices.stream().map(FuzzedDevice::id).toList(),
                Payloads.DEVICE_MAX_BYTES, false, List.of(DeviceConventions.OFFLINE),
                List.of("{\"status\":\"online\"}", "1", "[\"online\"]"), List.of(), List.of("restarting")));
        for (ServiceKind kind : ServiceKind.values()) {
            if (services.contains(WireNames.of(kind))) {
                targets.addAll(serviceTargets(kind));
            }
        }
        return targets;
    }

    /** What each service of the cloud is fed: over the kinds, with no default, so that a new kind needs its own. */
    private static List<Target> serviceTargets(ServiceKind kind) {
        String name = WireNames.of(kind);
        return switch (kind) {
            case AUTH -> List.of(service(name, CloudTopics.AUTH_REQUEST,
                    List.of(json("deviceId", NOBODY, "ttlMillis", 60_000)),
                    List.of(json("deviceId", 7), json("deviceId", NOBODY, "ttlMillis", "60000"),
                            json("ttlMillis", 1_000), json("deviceId", NOBODY, "ttlMillis", 1.5)),
                    List.of(json("deviceId", NOBODY, "ttlMillis", -1), json("deviceId", NOBODY, "ttlMillis", 0),
                            json("deviceId", NOBODY, "ttlMillis", Long.MAX_VALUE), json("deviceId", "a/b"),
                            json("deviceId", "#"), json("deviceId", LONG_TEXT))));
            case COMMANDS -> List.of(service(name, CloudTopics.COMMAND_REQUEST,
                    List.of(json("requestId", "fuzz", "deviceId", NOBODY, "function", "clean")),
                    List.of(json("requestId", 1, "deviceId", NOBODY, "function", "clean"),
                            json("requestId", "fuzz", "deviceId", NOBODY, "function", new JsonObject()),
                            json("requestId", "fuzz", "function", "clean")),
                    List.of(json("requestId", "fuzz", "deviceId", "+", "function", "clean"),
                            json("requestId", LONG_TEXT, "deviceId", NOBODY, "function", "clean"))),
                    service(name, CloudTopics.COMMAND_REPLY,
                    List.of(json("requestId", "fuzz", "deviceId", NOBODY, "ok", false, "detail", "fuzz")),
                    List.of(json("requestId", "fuzz", "deviceId", NOBODY, "ok", "yes"),
                            json("requestId", "fuzz", "deviceId", 3, "ok", true)),
                    List.of(json("requestId", "fuzz", "deviceId", "a/#", "ok", true),
                            json("requestId", "", "deviceId", NOBODY, "ok", true))));
            case INGEST -> List.of(service(name, CloudTopics.ingest(NOBODY),
                    List.of(json("kind", "fuzz", "seq", 1)),
                    List.of(json("kind", 1), json("kind", "fuzz", "seq", "1"), json("kind", "fuzz", "seq", 1.5)),
                    List.of(json("kind", "fuzz", "seq", -1), json("kind", "fuzz", "seq", 1L << 32), json("kind", ""))));
            case NOTIFY -> List.of(service(name, CloudTopics.EVENT_STREAM,
                    List.of(json("deviceId", NOBODY, "kind", "ring")),
                    List.of(json("deviceId", 5, "kind", "ring"), json("deviceId", NOBODY, "kind", List.of())),
                    List.of(json("deviceId", "a/b", "kind", "ring"), json("deviceId", NOBODY, "kind", ""))));
        };
    }

    /**
     * App commands: valid ones run a function the app has (the device answers, and the commands
     * service relays the answer to an app that is not listening for it).
     */
    private static Target command(FuzzedDevice device) {
        List<String> valid = new ArrayList<>();
        List<String> unknown = new ArrayList<>(List.of(json("requestId", "fuzz", "function", "self-destruct")));
        for (FunctionSpec function : device.model().functions()) {
            String command = json("requestId", "fuzz", "function", function.name());
            (function.trigger() == Trigger.APP ? valid : unknown).add(command);
        }
        return new Target(CloudTopics.command(device.id()), List.of(device.id()), Payloads.DEVICE_MAX_BYTES, true, valid,
                List.of(json("requestId", "fuzz", "function", 7), json("requestId", 5, "function", "stop"),
                        json("requestId", "fuzz", "function", null), json("function", new JsonObject()),
                        json("requestId", "fuzz", "function", "stop", Holds.SENT, "soon"),
                        "[\"stop\"]", "\"stop\"", "42", "null", "true"),
                List.of(json("requestId", LONG_TEXT, "function", "stop"), json("requestId", "fuzz", "function", ""),
                        json("function", LONG_TEXT)),
                unknown);
    }

    /** Auth's answers: valid ones are a refusal and a token that expired long ago, which change nothing. */
    private static Target auth(FuzzedDevice device) {
        return new Target(CloudTopics.auth(device.id()), List.of(device.id()), Payloads.DEVICE_MAX_BYTES, true,
                List.of(json("error", "fuzz: refused"), json("token", "fuzz", "expiresAtMillis", 1)),
                List.of(json("token", "fuzz", "expiresAtMillis", "99999999"), json("expiresAtMillis", 1.5),
                        json("expiresAtMillis", true), json("error", 42), json("token", "fuzz"), "[1]", "123"),
                List.of(json("expiresAtMillis", -1), json("expiresAtMillis", Long.MIN_VALUE),
                        "{\"expiresAtMillis\":99999999999999999999999}"),
                List.of());
    }

    /** A dashboard's command topics, each with the words or numbers its conventions take. */
    private static List<Target> dashboard(FuzzedDevice device) {
        DeviceConventions conventions = DeviceConventions.of(device.id(), device.model());
        List<String> wrongTypes = List.of("{\"value\":5}", "[5]", "true", "{}");
        return conventions.commandTopics().stream().map(topic -> switch (device.model().kind()) {
            case VACUUM -> new Target(topic, List.of(device.id()), Payloads.DEVICE_MAX_BYTES, false,
                    List.of("LOCATE", "stop"), wrongTypes, List.of(), List.of("EXPLODE", "START_TURBO"));
            case BED -> new Target(topic, List.of(device.id()), Payloads.DEVICE_MAX_BYTES, false,
                    List.of("0", "5", "10.0"), wrongTypes, List.of("99", "-99", "2.5", "1e9", "46"), List.of());
            case DOORBELL -> throw new IllegalStateException("a doorbell's dashboard sends no commands, yet has " + topic);
        }).toList();
    }

    private static Target service(String service, String topic, List<String> valid, List<String> wrongTypes,
                                  List<String> outOfRange) {
        return new Target(topic, List.of(Target.SERVICE + service), Payloads.CLOUD_MAX_BYTES, true, valid, wrongTypes,
                outOfRange, List.of());
    }

    /** A JSON object from key-value pairs, nulls kept. */
    private static String json(Object... pairs) {
        JsonObject object = new JsonObject();
        for (int i = 0; i < pairs.length; i += 2) {
            object.put((String) pairs[i], pairs[i + 1]);
        }
        return object.encode();
    }
}
