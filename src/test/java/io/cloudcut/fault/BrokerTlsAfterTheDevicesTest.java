package io.cloudcut.fault;

import io.cloudcut.trust.ClientTls;
import io.cloudcut.trust.RunCertificates;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.cloudcut.fault.VertxFutures.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The proxy opens TLS to the broker only once a device's own handshake has succeeded: a device it refuses there (an
 * expired certificate) costs the broker no handshake, as a broker that ends TLS itself does no work past the refusal.
 * The broker here counts what reaches it: a device accepted sends it a ClientHello, a refused one nothing.
 */
class BrokerTlsAfterTheDevicesTest {

    private final Vertx vertx = Vertx.vertx();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private RunCertificates certificates;
    private NetServer broker;
    private FaultProxy proxy;

    @BeforeEach
    void start() throws Exception {
        certificates = RunCertificates.generate();
        broker = join(vertx.createNetServer().connectHandler(socket -> {
            accepted.incrementAndGet();
            socket.handler(read -> bytes.addAndGet(read.length()));
            socket.closeHandler(nothing -> closed.incrementAndGet());
        }).listen(0, "127.0.0.1"));
        proxy = FaultProxy.create("127.0.0.1", broker.actualPort(),
                new ProxyTls(certificates.proxyServer(true), certificates.proxyClient()));
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        join(vertx.close());
        certificates.close();
    }

    @Test
    void aDeviceRefusedAtItsHandshakeSendsTheBrokerNothing_anAcceptedOneOpensTlsToIt() throws Exception {
        ClientTls expired = certificates.device("expired-1", true);
        certificates.expire("expired-1");
        Link refused = proxy.openLink("expired-1");
        assertThatThrownBy(() -> handshake(expired, refused)).isInstanceOf(IOException.class);
        await("the broker side opened for it, and closed").atMost(Duration.ofSeconds(30))
                .until(() -> accepted.get() == 1 && closed.get() == 1);
        assertThat(bytes).as("not a byte of a ClientHello towards the broker").hasValue(0);

        Link valid = proxy.openLink("valid-1");
        try (SSLSocket device = handshake(certificates.device("valid-1", true), valid)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> bytes.get() > 0);
        }
    }

    private static SSLSocket handshake(ClientTls tls, Link link) throws Exception {
        SSLContext context = SSLContext.getInstance("TLSv1.2");
        context.init(tls.keys().getKeyManagers(), tls.trust().getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(link.host(), link.port());
        socket.setSoTimeout(30_000);
        try {
            // TLS 1.2, as the proxy speaks to devices that present certificates: a refused one is told within the handshake.
            socket.startHandshake();
            return socket;
        } catch (IOException refused) {
            socket.close();
            throw refused;
        }
    }
}
