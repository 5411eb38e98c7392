package io.cloudcut.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Keeps the Vert.x MQTT client's "Can't connect" errors, each with a stack trace, and its "Connection refused by the
 * server" for each refusing CONNACK off the terminal: during an outage failing to connect is what devices do, and the
 * report counts every failed attempt and every refusal with its code. The client's other errors (an in-flight limit
 * reached, say) still show. Named in {@code logback.xml}.
 */
public final class ExpectedConnectFailures extends TurboFilter {

    static final String CLIENT_LOGGER = "io.vertx.mqtt.impl.MqttClientImpl";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        boolean expected = logger != null && CLIENT_LOGGER.equals(logger.getName())
                && format != null && (format.startsWith("Can't connect to ") || format.startsWith("Connection refused by the server"));
        return expected ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
