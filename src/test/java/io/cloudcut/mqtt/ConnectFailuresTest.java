package io.cloudcut.mqtt;

import io.cloudcut.scenario.MqttSessionPolicy;
import io.cloudcut.scenario.ScenarioClock;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A library's own deadline that passed reads as the adapters' own time-outs do, whichever stack kept it: the start
 * window, the pacer and the harness's health count every stack's attempts that ran out of time.
 */
class ConnectFailuresTest {

    private static final ConnectionSettings SETTINGS = new ConnectionSettings("vacuum-1", "127.0.0.1", 1883,
            Duration.ofSeconds(2), Duration.ofSeconds(1), new MqttSessionPolicy(true, Duration.ZERO), List.of(),
            null, ScenarioClock.stopped());

    @Test
    void aLibrarysDeadlineThatPassedRanOutOfTime_inTheAdaptersWords() {
        String hiveMq = ConnectFailures.describe(new IllegalStateException("connect failed",
                new RuntimeException("Timeout while waiting for CONNACK")), SETTINGS);
        String tcp = ConnectFailures.describe(new ConnectTimeoutException("connection timed out: /127.0.0.1:1883"), SETTINGS);
        String tls = ConnectFailures.describe(new SslHandshakeTimeoutException("handshake timed out after 1000ms"), SETTINGS);

        assertThat(hiveMq).isEqualTo(ConnectTimeOuts.noConnack(1000)).isEqualTo("no CONNACK within 1000 ms");
        assertThat(tcp).isEqualTo("no connection within 1000 ms");
        assertThat(tls).isEqualTo("no connection within 1000 ms");
        assertThat(List.of(hiveMq, tcp, tls)).allMatch(ConnectTimeOuts::ranOut);
    }

    /** Vert.x's words for a handshake the other side closed (a broker restarting behind the proxy), and the harness's. */
    @Test
    void aHandshakeTheOtherSideClosedSaysSo_notFailedToCreateAnSslConnection() {
        SSLHandshakeException vertx = new SSLHandshakeException("Failed to create SSL connection");
        vertx.initCause(new ClosedChannelException());
        assertThat(ConnectFailures.describe(vertx, SETTINGS)).isEqualTo("TLS refused: closed by the other side before the connection was up");
        assertThat(ConnectFailures.describe(new SSLHandshakeException("no cipher suites in common"), SETTINGS))
                .isEqualTo("TLS failed: no cipher suites in common");
    }

    @Test
    void aRefusalIsNotATimeOut() {
        String refused = ConnectFailures.describe(new ConnectException("Connection refused"), SETTINGS);
        assertThat(refused).isEqualTo("Connection refused");
        assertThat(ConnectTimeOuts.ranOut(refused)).isFalse();
    }
}
