package io.cloudcut.device;

import io.cloudcut.cloud.Holds;
import io.cloudcut.cloud.Payloads;
import io.vertx.core.buffer.Buffer;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a device reads from the cloud on its own topics, checked before it acts: empty for a message
 * it rejects (and counts), whatever the bytes were.
 */
final class CloudMessages {

    private CloudMessages() {
    }

    /**
     * An app command relayed by the commands service; the request id is empty when the app gave none, and when it was
     * sent is empty when the cloud did not say ({@link Holds#sentAt}).
     */
    record AppCommand(String requestId, String function, Optional<Holds.Moment> sent) {
    }

    /**
     * Auth's answer on the device's auth topic: a token's expiry on the scenario clock, or no expiry
     * for auth's refusal ({@code {error}}), which leaves the session as it is. A device on a clock of
     * its own ({@code ownClockNow}: its time now) cannot read the cloud's deadline, and counts the
     * token's lifetime ({@code expiresInMillis}) from now.
     */
    static Optional<OptionalLong> tokenAnswer(Buffer payload, OptionalLong ownClockNow) {
        return Payloads.object(payload, Payloads.DEVICE_MAX_BYTES).flatMap(answer -> {
            if (Payloads.textField(answer, "error").isPresent()) {
                return Optional.of(OptionalLong.empty());
            }
            if (ownClockNow.isPresent()) {
                OptionalLong lifetime = Payloads.wholeNumberField(answer, "expiresInMillis", 0, Long.MAX_VALUE / 2);
                if (lifetime.isPresent()) {
                    return Optional.of(OptionalLong.of(ownClockNow.getAsLong() + lifetime.getAsLong()));
                }
            }
            OptionalLong expiry = Payloads.wholeNumberField(answer, "expiresAtMillis", 0, Long.MAX_VALUE);
            return expiry.isPresent() ? Optional.of(expiry) : Optional.empty();
        });
    }

    /** A command names a function; its request id, if sent, is text; when it was sent, if said, whole milliseconds. */
    static Optional<AppCommand> appCommand(Buffer payload) {
        return Payloads.object(payload, Payloads.DEVICE_MAX_BYTES).flatMap(command -> {
            Optional<String> function = Payloads.textField(command, "function");
            Optional<String> requestId = Payloads.textField(command, "requestId");
            if (function.isEmpty() || !Payloads.absentOr(command, "requestId", requestId.isPresent())
                    || !Holds.sentWellFormedIn(command)) {
                return Optional.empty();
            }
            return Optional.of(new AppCommand(requestId.orElse(""), function.get(), Holds.sentAt(command)));
        });
    }
}
