package io.cloudcut.broker;

import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListener;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationSuccessfulInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionStartInput;
import com.hivemq.extension.sdk.api.events.client.parameters.DisconnectEventInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ServerInitiatedDisconnectInput;

import java.util.function.Consumer;

/**
 * Hands on the connections the embedded broker closed of its own accord, to whoever listens now: the broker outlives
 * its extension's starts (each restart starts it again), and its listener comes after the broker started.
 */
final class ServerDisconnects implements ClientLifecycleEventListener {

    private volatile Consumer<ServerDisconnect> listener = disconnect -> {
    };

    void listen(Consumer<ServerDisconnect> listener) {
        this.listener = listener;
    }

    @Override
    public void onServerInitiatedDisconnect(ServerInitiatedDisconnectInput input) {
        listener.accept(new ServerDisconnect(input.getClientInformation().getClientId(),
                input.getReasonCode().map(Enum::name).orElse(null), input.getReasonString().orElse(null)));
    }

    @Override
    public void onMqttConnectionStart(ConnectionStartInput input) {
        // Only the broker's own disconnects are told.
    }

    @Override
    public void onAuthenticationSuccessful(AuthenticationSuccessfulInput input) {
        // Only the broker's own disconnects are told.
    }

    @Override
    public void onDisconnect(DisconnectEventInput input) {
        // Each kind of disconnect has its own callback; the broker's is above.
    }
}
