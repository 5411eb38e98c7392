package io.cloudcut.mqtt;

import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;

import javax.net.ssl.SSLException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.util.Locale;

/**
 * Why a connect attempt failed, in words for the report. A TLS refusal comes as one exception among
 * the causes, worded by the JDK ("Received fatal alert: certificate_expired"), whichever stack made
 * the attempt: it is named here so that an expired certificate reads the same on every stack.
 */
final class ConnectFailures {

    static final String EXPIRED = "TLS refused: certificate expired";
    private static final String CLOSED = "connection closed";
    /** How the HiveMQ client words its CONNACK wait that ran out (1.4.2's {@code MqttConnectHandler}). */
    private static final String HIVEMQ_NO_CONNACK = "Timeout while waiting for CONNACK";
    /** How the HiveMQ client words a DISCONNECT that the broker sent (1.4.2's {@code MqttDisconnectHandler}). */
    private static final String HIVEMQ_BROKER_DISCONNECT = "Server sent DISCONNECT.";
    private static final String CLOSED_DURING_TLS = "TLS refused: closed by the other side before the connection was up";

    private ConnectFailures() {
    }

    /** The cause of a failed attempt made with {@code settings}. */
    static String describe(Throwable failure, ConnectionSettings settings) {
        String ranOut = ranOutOfTime(failure, LibraryTimings.ackTimeoutMillis(settings));
        if (ranOut != null) {
            return ranOut;
        }
        String described = describe(failure);
        if (settings.tls() != null && closedWithoutReason(described)) {
            // The other side refused the handshake and closed: whether the client read its alert
            // first or only the close is a race, which Paho reports with no cause at all.
            described = CLOSED_DURING_TLS;
        }
        if (settings.tls() != null && settings.tls().certificateExpired() && described.startsWith("TLS ")) {
            return EXPIRED;
        }
        return described;
    }

    /**
     * A library's own deadline that passed ({@link ConnectTimeOuts}): HiveMQ's wait for the CONNACK, or Netty's for the
     * TCP connection or the TLS handshake; null for any other failure.
     */
    private static String ranOutOfTime(Throwable failure, long timeOutMillis) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConnectTimeoutException || cause instanceof SslHandshakeTimeoutException) {
                return ConnectTimeOuts.noConnection(timeOutMillis);
            }
            if (String.valueOf(cause.getMessage()).startsWith(HIVEMQ_NO_CONNACK)) {
                return ConnectTimeOuts.noConnack(timeOutMillis);
            }
        }
        return null;
    }

    /** A connection closed under the client with no cause given, in each stack's words. */
    private static boolean closedWithoutReason(String described) {
        return described.equals(CLOSED) || described.equalsIgnoreCase("closed") || described.equals("MqttException")
                || described.startsWith("Untranslated MqttException") || described.equals("Connection lost");
    }

    private static String describe(Throwable failure) {
        if (failure == null) {
            return CLOSED;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String tls = tlsReason(cause);
            if (tls != null) {
                return tls;
            }
            if (cause instanceof Mqtt5DisconnectException disconnect && HIVEMQ_BROKER_DISCONNECT.equals(disconnect.getMessage())) {
                return BrokerDisconnect.describe(disconnect.getMqttMessage().getReasonCode().getCode(),
                        disconnect.getMqttMessage().getReasonString().map(Object::toString).orElse(null));
            }
        }
        return String.valueOf(failure.getMessage());
    }

    private static String tlsReason(Throwable cause) {
        String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
        if (cause instanceof CertificateExpiredException || message.contains("certificate_expired")) {
            return EXPIRED;
        }
        if (cause instanceof CertPathValidatorException || message.contains("pkix path")) {
            return "TLS refused: the broker's certificate is not trusted";
        }
        if (message.contains("certificate_unknown") || message.contains("bad_certificate")
                || message.contains("certificate_required")) {
            return "TLS refused: the broker did not accept the device's certificate (" + message + ")";
        }
        if (cause instanceof SSLException) {
            return closedUnderneath(cause) ? CLOSED_DURING_TLS : "TLS failed: " + cause.getMessage();
        }
        return null;
    }

    /**
     * Vert.x words a handshake whose connection the other side closed as {@code Failed to create SSL connection}, the
     * closed channel only among its causes: a broker restarting, or a proxy whose broker is not up, does that.
     */
    private static boolean closedUnderneath(Throwable tls) {
        for (Throwable cause = tls.getCause(); cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ClosedChannelException) {
                return true;
            }
        }
        return false;
    }
}
