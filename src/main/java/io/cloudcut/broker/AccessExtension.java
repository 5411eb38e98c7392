package io.cloudcut.broker;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.auth.parameter.OverloadProtectionThrottlingLevel;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The embedded broker's access control, as a HiveMQ embedded extension: its authenticator asks the
 * {@link AccessPolicy} about every CONNECT and hands HiveMQ the client's grants as default
 * permissions, everything else denied; HiveMQ's own authorization then matches each SUBSCRIBE,
 * PUBLISH and Last Will against them (a refused filter gets a failing SUBACK, a refused publish a
 * failing PUBACK and a DISCONNECT). The cloud's own clients and the phone app get a queue without the
 * broker's per-client limit and a wider in-flight window ({@link ClientGrants#backend()}), as a real
 * backend's consumers would: a storm's traffic must not wait on a limit of the harness's. It also tells
 * the connections the broker closed of its own accord ({@link ServerDisconnects}).
 */
final class AccessExtension implements ExtensionMain {

    /** Messages queued for a backend's client: a storm of 10,000 devices' buffers, with room to spare. */
    static final long BACKEND_QUEUE = 10_000_000;
    /**
     * QoS 1 messages the broker sends a backend's client before it must wait for their PUBACKs.
     * At HiveMQ's 50, a service's one connection carried less than 1,000 messages a second in a
     * 4,500-device run on workers, and the commands service fell 29 s behind. Well below the 65,535
     * packet identifiers a session has: at that, HiveMQ ran out of them and stopped delivering.
     */
    static final int BACKEND_WINDOW = 1_000;
    /** The same for any other client: HiveMQ's own default, lowered further by a client that asks for less. */
    static final int DEVICE_WINDOW = 50;

    private final AccessPolicy policy;
    private final ServerDisconnects serverDisconnects;

    private AccessExtension(AccessPolicy policy, ServerDisconnects serverDisconnects) {
        this.policy = policy;
        this.serverDisconnects = serverDisconnects;
    }

    static EmbeddedExtension of(AccessPolicy policy, ServerDisconnects serverDisconnects) {
        return EmbeddedExtension.builder()
                .withId("cloudcut-access")
                .withName("CloudCut identities and ACLs")
                .withVersion("1")
                .withAuthor("CloudCut")
                .withExtensionMain(new AccessExtension(policy, serverDisconnects))
                .build();
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        Services.securityRegistry().setAuthenticatorProvider(provider -> (SimpleAuthenticator) this::authenticate);
        Services.eventRegistry().setClientLifecycleEventListener(client -> serverDisconnects);
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        // Nothing held: the policy belongs to whoever started the broker.
    }

    private void authenticate(SimpleAuthInput input, SimpleAuthOutput output) {
        ConnectPacket connect = input.getConnectPacket();
        Optional<String> username = connect.getUserName();
        if (username.isEmpty()) {
            output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "anonymous clients are not allowed");
            return;
        }
        Optional<ClientGrants> grants = policy.admit(connect.getClientId(), username.get(),
                connect.getPassword().map(AccessExtension::bytes).orElse(null));
        if (grants.isEmpty()) {
            output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "unknown user or wrong password");
            return;
        }
        ModifiableDefaultPermissions permissions = output.getDefaultPermissions();
        permissions.addAll(permissions(grants.get().publish(), TopicPermission.MqttActivity.PUBLISH));
        permissions.addAll(permissions(grants.get().subscribe(), TopicPermission.MqttActivity.SUBSCRIBE));
        permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
        if (grants.get().backend()) {
            output.getClientSettings().setClientQueueSizeMaximum(BACKEND_QUEUE);
            output.getClientSettings().setOverloadProtectionThrottlingLevel(OverloadProtectionThrottlingLevel.NONE);
        } else {
            int asked = output.getClientSettings().getClientReceiveMaximum();
            output.getClientSettings().setClientReceiveMaximum(Math.min(DEVICE_WINDOW, asked));
        }
        output.authenticateSuccessfully();
    }

    private static List<TopicPermission> permissions(List<String> filters, TopicPermission.MqttActivity activity) {
        return filters.stream().map(filter -> Builders.topicPermission()
                .topicFilter(filter)
                .type(TopicPermission.PermissionType.ALLOW)
                .activity(activity)
                .build()).toList();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
