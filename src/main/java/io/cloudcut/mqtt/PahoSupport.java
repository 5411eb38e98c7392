package io.cloudcut.mqtt;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both Paho adapters share over Paho's two unrelated client classes.
 * <p>
 * Paho's automatic reconnect (both versions, 1.2.5) starts at a fixed 1 s held in a static field,
 * so shared by every client in the JVM, doubles it after each failure and caps it at the maximum
 * delay (in ms): the model's initial delay, multiplier and jitter cannot be expressed, and the v5
 * {@code setAutomaticReconnectDelay(min, max)} is never read by the client. It only reconnects a
 * connection that was once established, tells the application nothing about failed attempts, and
 * never gives up. The connect timeout is whole seconds (rounded up).
 */
final class PahoSupport {

    private static final Logger LOG = LoggerFactory.getLogger(PahoSupport.class);

    /** A Paho call that may wait on Paho's own threads. */
    interface BlockingCall {
        void run() throws Exception;
    }

    private PahoSupport() {
    }

    static String brokerUri(ConnectionSettings settings) {
        return "tcp://" + settings.host() + ":" + settings.port();
    }

    /** Runs a call that may block (disconnectForcibly, close) on a worker, never on the event loop; failures are logged. */
    static Future<Void> offEventLoop(Vertx vertx, ConnectionSettings settings, String what, BlockingCall call) {
        return vertx.executeBlocking(() -> {
            try {
                call.run();
            } catch (Exception e) {
                LOG.debug("{}: {} failed: {}", settings.clientId(), what, e.toString());
            }
            return null;
        });
    }

    /**
     * Once a connection was dropped or never made, the library's reconnect cycle takes over, after
     * the model's initial delay (Paho's {@code reconnect()} tries at once, then backs off by itself).
     */
    static void reconnectLater(Vertx vertx, ConnectionSettings settings, ConnectionBookkeeping book,
                               BlockingCall reconnect) {
        vertx.setTimer(LibraryTimings.initialReconnectMillis(settings), fired -> {
            if (!book.isClosed()) {
                try {
                    reconnect.run();
                } catch (Exception alreadyUnderWay) {
                    LOG.debug("{}: reconnect not started: {}", settings.clientId(), alreadyUnderWay.toString());
                }
            }
        });
    }

    static String describe(Throwable cause) {
        return cause == null ? "connection lost" : String.valueOf(cause.getMessage());
    }
}
