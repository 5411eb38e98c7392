package io.cloudcut.broker;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The embedded broker's settings, as read from {@code embedded.yaml}. Absent fields take the
 * defaults below; invalid values throw {@link InvalidConfigValue} naming the field.
 */
record EmbeddedConfig(
        @JsonProperty("bind-address") String bindAddress,
        @JsonProperty("port") Integer port,
        @JsonProperty("persistence") Persistence persistence,
        @JsonProperty("max-keep-alive-seconds") Integer maxKeepAliveSeconds,
        @JsonProperty("max-queued-messages") Long maxQueuedMessages) {

    static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    static final int DEFAULT_PORT = 0; // a free port: runs never collide with a broker already on 1883
    static final int MAX_KEEP_ALIVE = 65535; // the largest keep-alive MQTT can express
    static final long DEFAULT_MAX_QUEUED_MESSAGES = 1000; // HiveMQ's own default

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** How the broker keeps sessions and queued messages. */
    enum Persistence {
        /** Lost on restart: a restart behaves like a broker that lost its state. */
        @JsonProperty("in-memory") IN_MEMORY("in-memory"),
        /** Kept in the data folder: persistent sessions survive {@link EmbeddedBroker#restart()}. */
        @JsonProperty("file") FILE("file");

        /** The spelling used by embedded.yaml and by HiveMQ's config.xml alike. */
        final String configName;

        Persistence(String configName) {
            this.configName = configName;
        }
    }

    EmbeddedConfig {
        bindAddress = loopbackAddress(bindAddress == null ? DEFAULT_BIND_ADDRESS : bindAddress.trim());
        port = port == null ? DEFAULT_PORT : port;
        persistence = persistence == null ? Persistence.IN_MEMORY : persistence;
        maxKeepAliveSeconds = maxKeepAliveSeconds == null ? MAX_KEEP_ALIVE : maxKeepAliveSeconds;
        maxQueuedMessages = maxQueuedMessages == null ? DEFAULT_MAX_QUEUED_MESSAGES : maxQueuedMessages;
        requireInRange("port", port, 0, 65535);
        requireInRange("max-keep-alive-seconds", maxKeepAliveSeconds, 1, MAX_KEEP_ALIVE);
        requireInRange("max-queued-messages", maxQueuedMessages, 0, Long.MAX_VALUE);
    }

    /** All defaults: what an empty embedded.yaml means. */
    static EmbeddedConfig defaults() {
        return new EmbeddedConfig(null, null, null, null, null);
    }

    EmbeddedConfig withPort(int newPort) {
        return new EmbeddedConfig(bindAddress, newPort, persistence, maxKeepAliveSeconds, maxQueuedMessages);
    }

    InetAddress bindInetAddress() {
        try {
            return InetAddress.getByName(bindAddress); // a literal by now: no name lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalStateException("validated bind address no longer parses: " + bindAddress, e);
        }
    }

    /**
     * Accepts IP literals and {@code localhost} only, and only loopback ones: the emulated fleet and
     * its broker must never be reachable from, or leak traffic to, other machines. Host names other
     * than localhost are refused rather than looked up, so a config file never triggers DNS.
     */
    private static String loopbackAddress(String value) {
        if (value.equalsIgnoreCase("localhost")) {
            return DEFAULT_BIND_ADDRESS;
        }
        boolean literal = IPV4_LITERAL.matcher(value).matches() || value.contains(":");
        InetAddress address = null;
        if (literal) {
            try {
                address = InetAddress.getByName(value);
            } catch (UnknownHostException notAnAddress) {
                // reported below
            }
        }
        if (address == null) {
            throw new InvalidConfigValue("bind-address", "'" + value
                    + "' is not an IP address; use a loopback address such as 127.0.0.1, ::1 or localhost");
        }
        if (!address.isLoopbackAddress()) {
            throw new InvalidConfigValue("bind-address", "'" + value
                    + "' is not a loopback address; the embedded broker listens only on loopback"
                    + " (127.0.0.1, ::1 or localhost) so that it is never reachable from other machines");
        }
        return address.getHostAddress();
    }

    private static void requireInRange(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new InvalidConfigValue(field, value + " is out of range " + min + ".." + max);
        }
    }

    /** A field holds a value of the right type that is still unacceptable. */
    static final class InvalidConfigValue extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        final String field;

        InvalidConfigValue(String field, String problem) {
            super(problem);
            this.field = field;
        }
    }
}
