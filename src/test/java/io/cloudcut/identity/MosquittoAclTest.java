package io.cloudcut.identity;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.cloudcut.cloud.CloudTopics;
import io.cloudcut.mqtt.Credentials;
import io.cloudcut.testing.Mosquitto;
import io.cloudcut.testing.TempFolders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.cloudcut.identity.LoginClients.connect;
import static io.cloudcut.identity.LoginClients.subAck;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Mosquitto run with {@code broker-config/mosquitto-identity.conf} and its ACL, a password file made
 * by the README's recipe: the same rules as the embedded broker, and what a denied client sees there.
 */
class MosquittoAclTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final Identities IDENTITIES = Identities.generate();
    private static Path passwords;
    private static Mosquitto mosquitto;
    private static LoginClients clients;

    @BeforeAll
    static void startMosquitto() throws Exception {
        passwords = Files.createTempDirectory("cloudcut-mosquitto-acl").resolve("passwords");
        for (Credentials identity : List.of(IDENTITIES.device("vacuum-1"), IDENTITIES.device("vacuum-2"),
                IDENTITIES.cloudService("commands"))) {
            mosquittoPasswd(passwords, identity);
        }
        mosquitto = Mosquitto.startWithIdentities(passwords);
        clients = new LoginClients(mosquitto.port());
    }

    @AfterAll
    static void stopMosquitto() throws IOException {
        if (mosquitto != null) {
            mosquitto.close();
        }
        TempFolders.delete(passwords.getParent());
    }

    @Test
    void anonymousAndWrongPasswordsAreRefused() {
        assertThat(clients.refusalV5("anonymous", null)).isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
        assertThat(clients.refusalV3("anonymous", null)).isEqualTo(Mqtt3ConnAckReturnCode.NOT_AUTHORIZED);
        Credentials forged = new Credentials("vacuum-1", IDENTITIES.device("vacuum-2").password());
        assertThat(clients.refusalV5("vacuum-1", forged)).isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
        assertThat(clients.refusalV3("vacuum-1", forged)).isEqualTo(Mqtt3ConnAckReturnCode.NOT_AUTHORIZED);
    }

    /**
     * Mosquitto grants a wildcard subscription beyond a device's topics, but delivers nothing the
     * ACL does not allow; a publish to another device's topic is dropped, acknowledged as if
     * delivered on MQTT 3.1.1 and with 0x87 on MQTT 5, and the connection stays.
     */
    @Test
    void aDeviceCannotReadOrWriteAnotherDevicesTopics() throws Exception {
        Mqtt3BlockingClient snooper = clients.v3("vacuum-1");
        connect(snooper, IDENTITIES.device("vacuum-1"));
        BlockingQueue<String> snooped = new LinkedBlockingQueue<>();
        assertThat(subAck(snooper, "cloudcut/devices/#")).containsExactly(Mqtt3SubAckReturnCode.SUCCESS_MAXIMUM_QOS_1);
        snooper.toAsync().publishes(MqttGlobalPublishFilter.ALL,
                publish -> snooped.add(publish.getTopic() + " " + text(publish.getPayloadAsBytes())));

        Mqtt5BlockingClient victim = clients.v5("vacuum-2");
        connect(victim, IDENTITIES.device("vacuum-2"));
        BlockingQueue<String> commands = new LinkedBlockingQueue<>();
        assertThat(subAck(victim, CloudTopics.command("vacuum-2"))).containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
        victim.toAsync().publishes(MqttGlobalPublishFilter.ALL,
                publish -> commands.add(text(publish.getPayloadAsBytes())));

        snooper.publishWith().topic(CloudTopics.command("vacuum-2")).qos(MqttQos.AT_LEAST_ONCE)
                .payload(bytes("forged over 3.1.1")).send();
        Mqtt5BlockingClient intruder = clients.v5("vacuum-1");
        assertThat(snooper.getState().isConnected()).isTrue();
        snooper.disconnect();
        connect(intruder, IDENTITIES.device("vacuum-1"));
        assertThatThrownBy(() -> intruder.publishWith().topic(CloudTopics.command("vacuum-2")).qos(MqttQos.AT_LEAST_ONCE)
                .payload(bytes("forged over 5")).send())
                .isInstanceOfSatisfying(Mqtt5PubAckException.class, refused ->
                        assertThat(refused.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED));
        assertThat(intruder.getState().isConnected()).isTrue();
        intruder.disconnect();

        Mqtt3BlockingClient snooperAgain = clients.v3("vacuum-1");
        connect(snooperAgain, IDENTITIES.device("vacuum-1"));
        assertThat(subAck(snooperAgain, "cloudcut/devices/#")).containsExactly(Mqtt3SubAckReturnCode.SUCCESS_MAXIMUM_QOS_1);
        snooperAgain.toAsync().publishes(MqttGlobalPublishFilter.ALL,
                publish -> snooped.add(publish.getTopic() + " " + text(publish.getPayloadAsBytes())));
        Mqtt5BlockingClient cloud = clients.v5("any-id");
        connect(cloud, IDENTITIES.cloudService("commands"));
        cloud.publishWith().topic(CloudTopics.command("vacuum-2")).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("genuine")).send();
        cloud.publishWith().topic(CloudTopics.command("vacuum-1")).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("its own")).send();

        // The genuine command is the first and only one vacuum-2 gets; vacuum-1 hears only its own.
        assertThat(commands.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("genuine");
        assertThat(snooped.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(CloudTopics.command("vacuum-1") + " its own");
        assertThat(commands).isEmpty();
        assertThat(snooped).isEmpty();
        cloud.disconnect();
        victim.disconnect();
        snooperAgain.disconnect();
    }

    /** The README's recipe: one line per identity in the password file, hashed by mosquitto_passwd. */
    private static void mosquittoPasswd(Path passwords, Credentials identity) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("mosquitto_passwd"));
        if (!Files.exists(passwords)) {
            command.add("-c");
        }
        command.add("-b");
        command.addAll(List.of(passwords.toString(), identity.username(), identity.password()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        Files.setPosixFilePermissions(passwords, PosixFilePermissions.fromString("rw-r--r--"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
