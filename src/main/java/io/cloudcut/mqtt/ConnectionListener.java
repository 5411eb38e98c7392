package io.cloudcut.mqtt;

import io.vertx.core.buffer.Buffer;

/** What a device connection tells the firmware that owns it; called on the firmware's context. */
public interface ConnectionListener {

    /** Connected (CONNACK accepted) and subscribed, by this attempt. */
    void connected(ConnectAttempt attempt);

    /** An established connection was lost; the stack is already reconnecting unless it gave up. */
    void connectionLost(String cause);

    /**
     * A connect attempt failed, with its cause in words ("TLS refused: certificate expired"); the
     * stack retries unless it gives up. Many stacks retry often: a listener keeps what it needs.
     */
    default void attemptFailed(String cause) {
    }

    /** The stack stopped reconnecting after this many failed attempts. */
    void gaveUp(int attempts);

    /** A message arrived on one of the subscriptions. */
    void message(String topic, Buffer payload);
}
