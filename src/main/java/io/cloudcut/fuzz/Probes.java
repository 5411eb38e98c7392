package io.cloudcut.fuzz;

import io.cloudcut.device.DeviceAddresses;
import io.cloudcut.scenario.FunctionSpec;
import io.cloudcut.scenario.Trigger;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Asks every function of a device once, by its path, and says how many it answered: a local
 * function on the device's event-bus address; one the app starts through the cloud's commands
 * service; one the device starts for the cloud on the device, and then through the cloud to the
 * phone. A refusal is an answer (a locked device refuses by design); silence is not.
 */
final class Probes {

    private final Vertx vertx;
    private final Phone phone;
    private final Duration timeout;
    private final AtomicLong ids = new AtomicLong();

    Probes(Vertx vertx, Phone phone, Duration timeout) {
        this.vertx = vertx;
        this.phone = phone;
        this.timeout = timeout;
    }

    /** Blocks until each function has answered or timed out. */
    int answered(FuzzedDevice device) {
        List<CompletableFuture<Boolean>> answers = device.model().functions().stream()
                .map(function -> answers(device.id(), function)).toList();
        return (int) answers.stream().filter(CompletableFuture::join).count();
    }

    private CompletableFuture<Boolean> answers(String deviceId, FunctionSpec function) {
        String id = "fuzz-probe-" + ids.incrementAndGet();
        if (function.trigger() == Trigger.APP) {
            CompletableFuture<JsonObject> reply = phone.awaitAbout(id);
            phone.command(deviceId, function.name(), id);
            return withinTimeout(reply.thenApply(answer -> true));
        }
        CompletableFuture<JsonObject> delivered = function.isLocal() ? null : phone.awaitAbout(id);
        CompletableFuture<Boolean> answered = new CompletableFuture<>();
        vertx.eventBus().<JsonObject>request(DeviceAddresses.of(deviceId), DeviceAddresses.stimulus(function.name(), id),
                new DeliveryOptions().setSendTimeout(timeout.toMillis())).onComplete(reply -> {
            if (reply.failed()) {
                answered.complete(reply.cause() instanceof ReplyException refused
                        && refused.failureType() == ReplyFailure.RECIPIENT_FAILURE);
            } else if (delivered == null) {
                answered.complete(true);
            } else {
                withinTimeout(delivered.thenApply(message -> true)).thenAccept(answered::complete);
            }
        });
        return answered;
    }

    private CompletableFuture<Boolean> withinTimeout(CompletableFuture<Boolean> answer) {
        return answer.completeOnTimeout(false, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
