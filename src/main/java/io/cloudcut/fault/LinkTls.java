package io.cloudcut.fault;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;

import javax.net.ssl.SSLException;
import java.net.InetSocketAddress;

/** The TLS handlers of every link of a proxy: built once, a handler per connection and side. */
final class LinkTls {

    private final SslContext towardsDevices;
    private final SslContext towardsBroker;

    private LinkTls(SslContext towardsDevices, SslContext towardsBroker) {
        this.towardsDevices = towardsDevices;
        this.towardsBroker = towardsBroker;
    }

    static LinkTls of(ProxyTls tls) {
        try {
            SslContextBuilder server = SslContextBuilder.forServer(tls.towardsDevices().keys());
            if (tls.towardsDevices().requiresClientCertificates()) {
                // TLS 1.2, as many devices speak: in 1.3 a refused client certificate is told only
                // after the client's handshake completed, and some stacks (Vert.x) then report a bare close.
                server.trustManager(tls.towardsDevices().clientTrust()).clientAuth(ClientAuth.REQUIRE)
                        .protocols("TLSv1.2");
            }
            SslContext client = SslContextBuilder.forClient()
                    .keyManager(tls.towardsBroker().keys())
                    .trustManager(tls.towardsBroker().trust())
                    .endpointIdentificationAlgorithm("HTTPS")
                    .build();
            return new LinkTls(server.build(), client);
        } catch (SSLException e) {
            throw new IllegalArgumentException("cannot set up TLS for the proxy: " + e.getMessage(), e);
        }
    }

    /** Ends a device's TLS: the first handler of an accepted channel. */
    SslHandler towardsDevice(ByteBufAllocator alloc) {
        return towardsDevices.newHandler(alloc);
    }

    /** Opens TLS to the broker at {@code broker}, verifying its certificate's name. */
    SslHandler towardsBroker(ByteBufAllocator alloc, InetSocketAddress broker) {
        return towardsBroker.newHandler(alloc, broker.getHostString(), broker.getPort());
    }
}
