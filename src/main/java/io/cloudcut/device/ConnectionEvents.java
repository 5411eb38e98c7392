package io.cloudcut.device;

import io.cloudcut.cloud.CloudTopics;
import io.cloudcut.cloud.Holds;
import io.cloudcut.dashboard.mqtt.DeviceConventions;
import io.cloudcut.mqtt.ConnectAttempt;
import io.cloudcut.mqtt.ConnectTimeOuts;
import io.cloudcut.mqtt.ConnectionListener;
import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.Observation;
import io.vertx.core.buffer.Buffer;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * What a device does as its connection comes and goes and as messages arrive on it: each change is
 * observed and told to the firmware, the dashboard and the session; each message goes to the part of
 * the device it is for, or is counted as malformed.
 */
final class ConnectionEvents implements ConnectionListener {

    private final DeviceRuntime device;
    private final Firmware firmware;
    private final DashboardPresence dashboard;
    private final CloudSession session;
    private final EventDelivery delivery;
    private final DeviceFunctions functions;
    private final Consumer<Observation> observe;
    /** Over TLS, refused attempts are observed: why they fail is what an operator needs. */
    private final boolean overTls;
    /**
     * Whether the clock is the device's own rather than the cloud's (a device run on its own): it then
     * cannot read the cloud's deadlines, and counts a token's lifetime from its receipt.
     */
    private final boolean ownClock;
    private long messagesReceived;
    private long malformedMessages;
    /** The cause of the last refused attempt observed since the device was last connected. */
    private String lastRefusal;
    /**
     * When the attempt that made the device's connection began, on the run's clock: empty before it first connected, and
     * on a clock of its own. A command sent before it waited for the device on the scenario clock; the exchange after it
     * takes its real time, which a probe counts as such.
     */
    private Optional<Holds.Moment> connectingSince = Optional.empty();

    ConnectionEvents(DeviceRuntime device, Firmware firmware, DashboardPresence dashboard, CloudSession session,
                     EventDelivery delivery, DeviceFunctions functions, Consumer<Observation> observe, boolean overTls,
                     boolean ownClock) {
        this.device = device;
        this.firmware = firmware;
        this.dashboard = dashboard;
        this.session = session;
        this.delivery = delivery;
        this.functions = functions;
        this.observe = observe;
        this.overTls = overTls;
        this.ownClock = ownClock;
    }

    long messagesReceived() {
        return messagesReceived;
    }

    long malformedMessages() {
        return malformedMessages;
    }

    @Override
    public void connected(ConnectAttempt attempt) {
        lastRefusal = null;
        connectingSince = ownClock ? Optional.empty()
                : Optional.of(new Holds.Moment(attempt.startedAtMillis(), System.currentTimeMillis() - attempt.realMillis()));
        observe.accept(ConnectionObserved.up(device.nowMillis(), device.deviceId(), device.model().id(),
                attempt.startedAtMillis(), attempt.realMillis()));
        firmware.connectionChanged(true);
        dashboard.connected();
        session.connected();
        delivery.drain();
    }

    @Override
    public void connectionLost(String cause) {
        observe.accept(ConnectionObserved.down(device.nowMillis(), device.deviceId(), device.model().id(), cause));
        firmware.connectionChanged(false);
        delivery.connectionLost();
    }

    /**
     * Over TLS, why attempts fail is what an operator needs (an expired or foreign certificate), so
     * each new cause is observed once until the device connects again; over plain TCP, the losses say enough, but for an
     * attempt that ran out of time: with nothing faulted, that is this machine's connects, and the harness must hear of
     * it (1,000 Paho devices retrying together after a refused link: 192 ran out of their 1 s, waited out a 17 min
     * backoff, and were NOT_RECOVERED in a run that called itself healthy).
     */
    @Override
    public void attemptFailed(String cause) {
        if ((overTls || ConnectTimeOuts.ranOut(cause)) && !cause.equals(lastRefusal)) {
            lastRefusal = cause;
            observe.accept(ConnectionObserved.refused(device.nowMillis(), device.deviceId(), device.model().id(), cause));
        }
    }

    @Override
    public void gaveUp(int attempts) {
        observe.accept(ConnectionObserved.gaveUp(device.nowMillis(), device.deviceId(), device.model().id(),
                "gave up after " + attempts + " attempts"));
    }

    /** Whatever arrives, the device acts on it or counts it as malformed: nothing a sender writes throws here. */
    @Override
    public void message(String topic, Buffer payload) {
        messagesReceived++;
        if (!accepted(topic, payload)) {
            malformedMessages++;
        }
    }

    /** Acts on a message; false when the device rejects it: unreadable on its topic, or a command it does not know. */
    private boolean accepted(String topic, Buffer payload) {
        if (dashboard.isCommand(topic)) {
            return functions.dashboardCommand(topic, payload);
        }
        if (topic.equals(DeviceConventions.HOME_ASSISTANT_STATUS)) {
            return dashboard.homeAssistantStatus(payload);
        }
        if (topic.equals(CloudTopics.auth(device.deviceId()))) {
            Optional<OptionalLong> answer = CloudMessages.tokenAnswer(payload,
                    ownClock ? OptionalLong.of(device.nowMillis()) : OptionalLong.empty());
            answer.ifPresent(expiry -> expiry.ifPresent(session::tokenReceived));
            return answer.isPresent();
        }
        if (topic.equals(CloudTopics.command(device.deviceId()))) {
            return CloudMessages.appCommand(payload).map(command -> functions.command(command, connectingSince)).orElse(false);
        }
        return false;
    }
}
