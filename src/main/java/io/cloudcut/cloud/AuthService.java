package io.cloudcut.cloud;

import io.cloudcut.scenario.ScenarioClock;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.UUID;

/** Issues session tokens: a device asks with its id and the TTL its firmware uses, and gets a token that expires on the scenario clock. */
final class AuthService extends CloudService {

    private long issued;

    AuthService(String host, int port, ScenarioClock clock) {
        super("auth", host, port, clock);
    }

    @Override
    List<String> subscriptions() {
        return List.of(CloudTopics.AUTH_REQUEST);
    }

    @Override
    void handle(String topic, JsonObject request) {
        String deviceId = request.getString("deviceId");
        long ttlMillis = request.getLong("ttlMillis", 3_600_000L);
        if (deviceId == null || deviceId.isEmpty()) {
            return;
        }
        issued++;
        publish(CloudTopics.auth(deviceId), new JsonObject()
                .put("token", UUID.randomUUID().toString())
                .put("expiresAtMillis", clock.now().toMillis() + ttlMillis)
                // As OAuth's expires_in: for a device whose clock is not the cloud's (an external device).
                .put("expiresInMillis", ttlMillis));
    }

    @Override
    void refuse(String topic, JsonObject request, String reason) {
        String deviceId = request.getString("deviceId");
        if (deviceId != null && !deviceId.isEmpty()) {
            publish(CloudTopics.auth(deviceId), new JsonObject().put("error", reason));
        }
    }

    @Override
    JsonObject details() {
        return new JsonObject().put("tokensIssued", issued);
    }
}
