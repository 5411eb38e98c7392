package io.cloudcut.fault;

import io.cloudcut.trust.ClientTls;
import io.cloudcut.trust.ServerTls;
import io.netty.channel.Channel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;

import javax.net.ssl.SSLException;
import java.net.InetSocketAddress;

/**
 * The TLS handlers of every link of a proxy: built once, a handler per connection and side; null: that side is plain.
 * Netty builds them on BoringSSL where its library loads (the build ships it for Linux on x86-64): in
 * Java 17's own TLS, a proxy ending a thousand devices' handshakes spent the run on elliptic-curve arithmetic.
 */
final class LinkTls {

    /** Plain TCP on both sides. */
    static final LinkTls PLAIN = new LinkTls(null, null);

    /** Null: plain towards devices. */
    private final SslContext towardsDevices;
    /** Null: plain towards the broker. */
    private final SslContext towardsBroker;

    private LinkTls(SslContext towardsDevices, SslContext towardsBroker) {
        this.towardsDevices = towardsDevices;
        this.towardsBroker = towardsBroker;
    }

    static LinkTls of(ProxyTls tls) {
        try {
            return new LinkTls(tls.towardsDevices() == null ? null : server(tls.towardsDevices()),
                    tls.towardsBroker() == null ? null : client(tls.towardsBroker()));
        } catch (SSLException e) {
            throw new IllegalArgumentException("cannot set up TLS for the proxy: " + e.getMessage(), e);
        }
    }

    private static SslContext server(ServerTls tls) throws SSLException {
        SslContextBuilder server = SslContextBuilder.forServer(tls.keys());
        if (tls.requiresClientCertificates()) {
            // TLS 1.2, as many devices speak: in 1.3 a refused client certificate is told only
            // after the client's handshake completed, and some stacks (Vert.x) then report a bare close.
            server.trustManager(tls.clientTrust()).clientAuth(ClientAuth.REQUIRE).protocols("TLSv1.2");
        }
        return server.build();
    }

    private static SslContext client(ClientTls tls) throws SSLException {
        return SslContextBuilder.forClient()
                .keyManager(tls.keys())
                .trustManager(tls.trust())
                .endpointIdentificationAlgorithm("HTTPS")
                .build();
    }

    /** Ends a device's TLS, if devices speak TLS: the first handler of an accepted channel. */
    void endDeviceTls(Channel device) {
        if (towardsDevices != null) {
            device.pipeline().addFirst(towardsDevices.newHandler(device.alloc()));
        }
    }

    /**
     * Opens TLS to the broker at {@code broker}, if it takes TLS, verifying its certificate's name; once {@code device}'s own
     * handshake, if it speaks TLS, has succeeded. A device the proxy refuses at its handshake (an expired certificate, another
     * CA's) then costs the broker no handshake, as a broker that ends TLS itself does no work past it: in a `cert-expiry` run
     * of 1,000 devices, the 500 expired vacuums' attempts each made the broker sign a handshake, until the doorbells beside
     * them, untouched, dropped their connections for PUBACKs over a second late. Both sides of a connection share an event
     * loop, and a device's bytes come only after its handshake, so none goes to the broker in the clear.
     */
    void openBrokerTls(Channel towards, InetSocketAddress broker, Channel device) {
        if (towardsBroker == null) {
            return;
        }
        Runnable open = () -> {
            if (towards.isOpen()) {
                towards.pipeline().addFirst(towardsBroker.newHandler(towards.alloc(), broker.getHostString(), broker.getPort()));
            }
        };
        SslHandler deviceTls = device.pipeline().get(SslHandler.class);
        if (deviceTls == null || deviceTls.handshakeFuture().isSuccess()) {
            open.run();
        } else {
            deviceTls.handshakeFuture().addListener(handshake -> {
                if (handshake.isSuccess()) {
                    open.run();
                }
            });
        }
    }
}
