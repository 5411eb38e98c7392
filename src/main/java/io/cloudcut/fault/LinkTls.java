package io.cloudcut.fault;

import io.netty.channel.Channel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import javax.net.ssl.SSLException;
import java.net.InetSocketAddress;

/** The TLS handlers of every link of a proxy: built once, a handler per connection and side; null: that side is plain. */
final class LinkTls {

    private final SslContext towardsDevices;
    private final SslContext towardsBroker;

    private LinkTls(SslContext towardsDevices, SslContext towardsBroker) {
        this.towardsDevices = towardsDevices;
        this.towardsBroker = towardsBroker;
    }

    static LinkTls of(ProxyTls tls) {
        try {
            return new LinkTls(tls.towardsDevices() == null ? null : towardsDevices(tls),
                    tls.towardsBroker() == null ? null : SslContextBuilder.forClient()
                            .keyManager(tls.towardsBroker().keys())
                            .trustManager(tls.towardsBroker().trust())
                            .endpointIdentificationAlgorithm("HTTPS")
                            .build());
        } catch (SSLException e) {
            throw new IllegalArgumentException("cannot set up TLS for the proxy: " + e.getMessage(), e);
        }
    }

    private static SslContext towardsDevices(ProxyTls tls) throws SSLException {
        SslContextBuilder server = SslContextBuilder.forServer(tls.towardsDevices().keys());
        if (tls.towardsDevices().requiresClientCertificates()) {
            // TLS 1.2, as many devices speak: in 1.3 a refused client certificate is told only
            // after the client's handshake completed, and some stacks (Vert.x) then report a bare close.
            server.trustManager(tls.towardsDevices().clientTrust()).clientAuth(ClientAuth.REQUIRE)
                    .protocols("TLSv1.2");
        }
        return server.build();
    }

    /** Ends a device's TLS, if devices speak TLS to the proxy: the first handler of an accepted channel. */
    void endDeviceTls(Channel device) {
        if (towardsDevices != null) {
            device.pipeline().addFirst(towardsDevices.newHandler(device.alloc()));
        }
    }

    /** Opens TLS to the broker at {@code broker}, verifying its certificate's name, if the broker speaks TLS. */
    void openBrokerTls(Channel towardsBrokerChannel, InetSocketAddress broker) {
        if (towardsBroker != null) {
            towardsBrokerChannel.pipeline().addLast(towardsBroker.newHandler(towardsBrokerChannel.alloc(),
                    broker.getHostString(), broker.getPort()));
        }
    }
}
