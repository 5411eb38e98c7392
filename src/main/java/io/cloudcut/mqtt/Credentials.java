package io.cloudcut.mqtt;

import io.vertx.mqtt.MqttClientOptions;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Who a client says it is in its CONNECT: a user name and a password. The password never shows in
 * {@link #toString()}, so that logs and exceptions do not carry it.
 */
public record Credentials(String username, String password) {

    public Credentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    public byte[] passwordBytes() {
        return password.getBytes(StandardCharsets.UTF_8);
    }

    /** The Vert.x client's options with these credentials in them. */
    public MqttClientOptions applyTo(MqttClientOptions options) {
        return options.setUsername(username).setPassword(password);
    }

    @Override
    public String toString() {
        return "Credentials[" + username + "]";
    }
}
