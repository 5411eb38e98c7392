package io.cloudcut.harness;

import io.cloudcut.fault.Direction;
import io.cloudcut.fault.LinkControl;
import io.cloudcut.fault.LinkFault;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;

import java.time.Duration;

/**
 * A link fault of the tests' own: does {@code action} on the proxy's loop, once, at the first PUBLISH the device sends
 * once the scenario clock passes {@code after}, and lets every packet through.
 */
final class OnFirstPublishAfter implements LinkFault {

    private final String name;
    private final long afterNanos;
    private final Runnable action;
    private LinkControl control;
    private boolean done;

    OnFirstPublishAfter(String name, Duration after, Runnable action) {
        this.name = name;
        this.afterNanos = after.toNanos();
        this.action = action;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean readsPackets() {
        return true;
    }

    @Override
    public void onApply(LinkControl link) {
        control = link;
    }

    @Override
    public Verdict onPacket(Direction direction, MqttMessage packet) {
        if (!done && direction == Direction.UPSTREAM && packet.fixedHeader().messageType() == MqttMessageType.PUBLISH
                && control.clockNanos() >= afterNanos) {
            done = true;
            action.run();
        }
        return Verdict.FORWARD;
    }
}
