package io.cloudcut.device;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

import java.time.Duration;

/**
 * One function started on the device from its home network, whichever way the request came (HTTP,
 * the local MQTT broker): the device's answer as a status in HTTP's words (200 done, 403 refused, 409 a
 * security function that let the guarded action through, 404 no such function on the device, 504 no
 * answer) and a body {@code {ok, function, detail}}.
 */
record LocalFunction(int status, JsonObject answer) {

    /** How long the device has to answer before the request is answered 504. */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);

    static Future<LocalFunction> start(Vertx vertx, String deviceId, String function, String probeId) {
        return vertx.eventBus().<JsonObject>request(DeviceAddresses.of(deviceId), DeviceAddresses.stimulus(function, probeId),
                        new DeliveryOptions().setSendTimeout(ANSWER_WITHIN.toMillis()))
                .map(reply -> new LocalFunction(200, new JsonObject().put("ok", true).put("function", function)
                        .put("detail", reply.body().getString("detail", "ok"))))
                .otherwise(refused -> failed(status(refused), function, refused.getMessage()));
    }

    static LocalFunction failed(int status, String function, String why) {
        return new LocalFunction(status, new JsonObject().put("ok", false).put("function", function).put("detail", why));
    }

    /** The device's refusal codes are HTTP statuses already; anything else is a device that did not answer. */
    private static int status(Throwable refused) {
        return refused instanceof ReplyException reply && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE
                ? reply.failureCode() : 504;
    }
}
