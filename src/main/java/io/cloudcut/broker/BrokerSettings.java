package io.cloudcut.broker;

import java.nio.file.Path;

/**
 * Which broker to use.
 *
 * @param externalUri URI of an external broker such as {@code tcp://127.0.0.1:1883}, or {@code null}
 *                    to run the embedded broker
 * @param port        embedded broker only: overrides the port of {@code embedded.yaml}; {@code 0}
 *                    picks a free port; {@code null} keeps the configured port
 * @param configDir   embedded broker only: the folder holding {@code embedded.yaml} (the project's
 *                    {@code broker-config/}); {@code null} uses built-in defaults
 */
public record BrokerSettings(String externalUri, Integer port, Path configDir) {

    /** Name of the embedded broker's configuration file inside {@link #configDir()}. */
    public static final String EMBEDDED_CONFIG_FILE = "embedded.yaml";

    public BrokerSettings {
        if (externalUri != null && port != null) {
            // An external broker's port is part of its URI; a second port would be ambiguous.
            throw new IllegalArgumentException(
                    "a port override applies only to the embedded broker; put the port in the URI " + externalUri);
        }
        if (port != null && (port < 0 || port > 65535)) {
            throw new IllegalArgumentException("port must be 0 (any free port) or 1..65535, got " + port);
        }
    }

    /** The embedded broker configured by {@code configDir/embedded.yaml}. */
    public static BrokerSettings embedded(Path configDir) {
        return new BrokerSettings(null, null, configDir);
    }

    /** An external broker at {@code uri}, e.g. {@code tcp://127.0.0.1:1883}. */
    public static BrokerSettings external(String uri) {
        return new BrokerSettings(uri, null, null);
    }

    /** Whether these settings select the embedded broker. */
    public boolean isEmbedded() {
        return externalUri == null;
    }
}
