package io.cloudcut.cloud;

import io.cloudcut.scenario.ScenarioClock;
import io.cloudcut.scenario.ServiceKind;
import io.cloudcut.scenario.WireNames;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Issues session tokens: a device asks with its id and the TTL its firmware uses, and gets a token that expires on the scenario clock. */
final class AuthService extends CloudService {

    private static final Duration DEFAULT_TTL = Duration.ofHours(1);
    /** The longest session a device may ask for: a year, past any scenario, and far from overflowing the clock. */
    private static final Duration MAX_TTL = Duration.ofDays(365);

    private long issued;

    AuthService(String host, int port, ScenarioClock clock) {
        super(WireNames.of(ServiceKind.AUTH), host, port, clock);
    }

    @Override
    List<String> subscriptions() {
        return List.of(CloudTopics.AUTH_REQUEST);
    }

    /** A device id that can stand in its reply topic, and a TTL, if any, of at most {@link #MAX_TTL}. */
    @Override
    boolean wellFormed(String topic, JsonObject request) {
        return Payloads.topicLevelField(request, "deviceId").isPresent()
                && Payloads.absentOr(request, "ttlMillis",
                Payloads.wholeNumberField(request, "ttlMillis", 1, MAX_TTL.toMillis()).isPresent());
    }

    @Override
    void handle(String topic, JsonObject request) {
        String deviceId = request.getString("deviceId");
        long ttlMillis = request.getLong("ttlMillis", DEFAULT_TTL.toMillis());
        issued++;
        publish(CloudTopics.auth(deviceId), new JsonObject()
                .put("token", UUID.randomUUID().toString())
                .put("expiresAtMillis", clock.now().toMillis() + ttlMillis)
                // As OAuth's expires_in: for a device whose clock is not the cloud's (an external device).
                .put("expiresInMillis", ttlMillis));
    }

    @Override
    void refuse(String topic, JsonObject request, String reason) {
        publish(CloudTopics.auth(request.getString("deviceId")), new JsonObject().put("error", reason));
    }

    @Override
    JsonObject details() {
        return new JsonObject().put("tokensIssued", issued);
    }
}
