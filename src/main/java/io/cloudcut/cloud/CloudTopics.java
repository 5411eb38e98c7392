package io.cloudcut.cloud;

import io.vertx.core.json.JsonObject;

import java.time.Duration;

/**
 * The MQTT topics the emulated cloud speaks, in one place. Devices reach the cloud only through
 * these; the phone app (the harness) listens under {@code cloudcut/app/} and {@code cloudcut/phone/}.
 */
public final class CloudTopics {

    /**
     * Device asks auth for a session token: {@code {deviceId, ttlMillis}}, and {@link #TIME_SCALE} from a
     * device on a clock of its own ({@code cloudcut device}).
     */
    public static final String AUTH_REQUEST = "cloudcut/cloud/auth/request";
    /** The field of a sign-in that says the pace of the device's own clock, scenario seconds per real second. */
    public static final String TIME_SCALE = "timeScale";
    /** App asks commands to run a function on a device: {@code {requestId, deviceId, function}}. */
    public static final String COMMAND_REQUEST = "cloudcut/cloud/commands/request";
    /** Device answers a command: {@code {requestId, deviceId, ok, detail}}. */
    public static final String COMMAND_REPLY = "cloudcut/cloud/commands/reply";
    /** Ingest's stream of device events that other services consume (the Kinesis of this cloud). */
    public static final String EVENT_STREAM = "cloudcut/cloud/stream/events";
    /** Devices publish their events under here, one topic per device. */
    public static final String INGEST_ALL = "cloudcut/ingest/+";
    /** Everything the app and the phone receive. */
    public static final String APP_ALL = "cloudcut/app/#";
    public static final String PHONE_ALL = "cloudcut/phone/#";

    /**
     * The {@code by} of a reply the cloud itself wrote ({@code {requestId, ok: false, by: "cloud", detail}}),
     * so that the app can tell a cloud error from a device's refusal.
     */
    public static final String BY_CLOUD = "cloud";

    private CloudTopics() {
    }

    /** What a device sends on {@link #AUTH_REQUEST} to sign in for a token of {@code tokenTtl}. */
    public static JsonObject signInRequest(String deviceId, Duration tokenTtl) {
        return new JsonObject().put("deviceId", deviceId).put("ttlMillis", tokenTtl.toMillis());
    }

    /** Auth answers a device here: {@code {token, expiresAtMillis}} on the scenario clock. */
    public static String auth(String deviceId) {
        return "cloudcut/devices/" + deviceId + "/auth";
    }

    /** Commands relays an app command to a device here. */
    public static String command(String deviceId) {
        return "cloudcut/devices/" + deviceId + "/command";
    }

    /** A device's events to ingest: {@code {deviceId, seq, kind, function, probeId?, state?}}. */
    public static String ingest(String deviceId) {
        return "cloudcut/ingest/" + deviceId;
    }

    /** The app gets a command's reply here. */
    public static String appReply(String deviceId) {
        return "cloudcut/app/" + deviceId + "/reply";
    }

    /** The app's view of a device's status, kept by ingest. */
    public static String appStatus(String deviceId) {
        return "cloudcut/app/" + deviceId + "/status";
    }

    /** Push notifications to the phone, sent by notify. */
    public static String phonePush(String deviceId) {
        return "cloudcut/phone/" + deviceId + "/push";
    }

    /**
     * A service's message to itself, which measures how far behind it reads ({@link Canary}); its first
     * connection's. The others' are under it ({@link #canaries}).
     */
    public static String canary(String service) {
        return "cloudcut/cloud/canary/" + service;
    }

    /** The canary of a service's connection {@code index} (0: its first, {@link #canary}). */
    static String canary(String service, int index) {
        return index == 0 ? canary(service) : canary(service) + "/" + index;
    }

    /** The canaries of a service's connections after its first, one level under {@link #canary}. */
    public static String canaries(String service) {
        return canary(service) + "/+";
    }

    /** {@code filter} shared among a service's connections: the broker hands each message to one of them. */
    static String shared(String service, String filter) {
        return "$share/cloudcut-" + service + "/" + filter;
    }

    /** The device id in a per-device topic such as {@code cloudcut/ingest/<id>} or {@code cloudcut/app/<id>/reply}. */
    public static String deviceIdIn(String topic, int level) {
        String[] levels = topic.split("/");
        return level < levels.length ? levels[level] : "";
    }
}
