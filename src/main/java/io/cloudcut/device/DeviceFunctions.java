package io.cloudcut.device;

import io.cloudcut.cloud.CloudTopics;
import io.cloudcut.cloud.Holds;
import io.cloudcut.dashboard.mqtt.DashboardCommand;
import io.cloudcut.mqtt.DeviceConnection;
import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.FunctionPath;
import io.cloudcut.scenario.FunctionSpec;
import io.cloudcut.scenario.Trigger;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * A device's functions as the world asks for them: on the device itself (a button, a sensor, its
 * schedule, over the event bus), from the app (a command relayed by the cloud), or from a dashboard
 * on the home network. Each runs what the firmware does for it, if the session policy allows it now.
 */
final class DeviceFunctions {

    private final String deviceId;
    private final DeviceModel model;
    private final Firmware firmware;
    private final CloudSession session;
    private final DashboardPresence dashboard;
    private final Supplier<DeviceConnection> connection;

    DeviceFunctions(String deviceId, DeviceModel model, Firmware firmware, CloudSession session, DashboardPresence dashboard,
                    Supplier<DeviceConnection> connection) {
        this.deviceId = deviceId;
        this.model = model;
        this.firmware = firmware;
        this.session = session;
        this.dashboard = dashboard;
        this.connection = connection;
    }

    /** Something happened on the device itself: a button, a sensor, its schedule. */
    void stimulus(Message<JsonObject> ask) {
        String name = ask.body().getString("function", "");
        Optional<FunctionSpec> function = model.function(name);
        if (function.isEmpty() || function.get().trigger() == Trigger.APP) {
            ask.fail(DeviceAddresses.NO_SUCH_FUNCTION, "no function '" + name + "' started on the device");
            return;
        }
        perform(function.get(), ask.body().getString("probeId")).onComplete(done -> {
            if (done.succeeded()) {
                ask.reply(new JsonObject().put("detail", done.result()));
            } else {
                ask.fail(done.cause() instanceof Unprotected ? DeviceAddresses.UNPROTECTED : DeviceAddresses.REFUSED,
                        done.cause().getMessage());
            }
        });
    }

    /**
     * A command from the app, relayed by the cloud: answered either way, and false when the device has
     * no such function for the app (an unknown command, counted as malformed). One the broker kept for the device while
     * it was away, until the attempt that connected it began ({@code connectingSince}), says how long in the reply
     * ({@link Holds#keptFor}); {@code connectingSince} is empty on a clock of the device's own, which cannot be set
     * against the cloud's.
     */
    boolean command(CloudMessages.AppCommand command, Optional<Holds.Moment> connectingSince) {
        String requestId = command.requestId();
        String name = command.function();
        Optional<FunctionSpec> function = model.function(name).filter(spec -> spec.trigger() == Trigger.APP);
        Future<String> done = function.isPresent() ? perform(function.get(), requestId)
                : Future.failedFuture("no function '" + name + "' for the app");
        done.onComplete(result -> {
            JsonObject reply = new JsonObject()
                    .put("requestId", requestId)
                    .put("deviceId", deviceId)
                    .put("function", name)
                    .put("ok", result.succeeded())
                    .put("detail", result.succeeded() ? result.result() : result.cause().getMessage());
            if (command.sent().isPresent() && connectingSince.isPresent()) {
                reply = Holds.keptFor(reply, command.sent().get(), connectingSince.get());
            }
            connection.get().publish(CloudTopics.COMMAND_REPLY, reply.toBuffer());
        });
        return function.isPresent();
    }

    /**
     * A command from a dashboard on the local network (Home Assistant, say): the device acts on it as
     * on its own button, under the same session policy, and its state topic shows the outcome: a
     * press performs the function, a value (a bed's temperature level) sets it. A payload that is no
     * command, or a value out of the control's range, is rejected: false.
     */
    boolean dashboardCommand(String topic, Buffer payload) {
        Optional<DashboardCommand> command = dashboard.command(topic, payload);
        if (command.isEmpty()) {
            return false;
        }
        String name = command.get().function();
        OptionalInt value = command.get().value();
        underPolicy(new FunctionSpec(name, FunctionPath.LOCAL, null, null, null),
                () -> value.isPresent() ? firmware.set(name, value.getAsInt()) : firmware.perform(name, null));
        return true;
    }

    private Future<String> perform(FunctionSpec function, String probeId) {
        return underPolicy(function, () -> firmware.perform(function.name(), probeId));
    }

    /** Runs what the firmware does for a function, if the session policy allows the function now. */
    private Future<String> underPolicy(FunctionSpec function, Supplier<Future<String>> firmwareAction) {
        Optional<String> refusal = session.refusal(function);
        if (refusal.isPresent()) {
            return Future.failedFuture(refusal.get());
        }
        try {
            return firmwareAction.get();
        } catch (RuntimeException firmwareBug) {
            return Future.failedFuture("firmware failed: " + firmwareBug);
        }
    }
}
