package io.cloudcut.fault;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * One listening socket on 127.0.0.1 for every link that shares it, so that a device costs no listening
 * socket of its own. Each connection is read until its MQTT CONNECT is whole (after the TLS handshake,
 * when the proxy ends TLS); the client id names the link, which then takes the connection as its own
 * listener would have, the CONNECT going on to the broker as the device's first bytes. A connection
 * whose client id names no link, or whose first packet is no CONNECT (or one over 64 KB, a large
 * will), or that sends none within {@link #CONNECT_LIMIT}, is closed, counted and logged, and nothing
 * is opened towards the broker. It accepts and reads on a thread of its own, which carries no link's
 * traffic, so that a fleet connecting at once is not kept waiting behind the links' bytes; a
 * connection then moves to its link's event loop, as it would have been accepted there.
 */
final class SharedPort implements AutoCloseable {

    static final Duration CONNECT_LIMIT = Duration.ofSeconds(30);
    /** A port taken by another socket is tried again every {@link #REBIND_EVERY} for 30 s, as a link's own. */
    private static final int REBIND_ATTEMPTS = 300;
    private static final Duration REBIND_EVERY = Duration.ofMillis(100);
    private static final Logger LOG = LoggerFactory.getLogger(SharedPort.class);

    private final Function<String, Link> links;
    private final ProxyEvents events;
    private final EventLoopGroup reception;
    private final LongAdder refused = new LongAdder();
    /**
     * Connections accepted and not yet handed to a link (a closed one leaves by itself): the port closes them itself, as
     * the loop's shutdown does not (a device that had connected and not yet sent its CONNECT kept its socket open).
     */
    private final ChannelGroup unclaimed = new DefaultChannelGroup("shared-port-unclaimed", GlobalEventExecutor.INSTANCE);
    private final ServerBootstrap bootstrap;
    private final int port;
    /** Closed by {@link #close}: a listener closed after that is no failure. */
    private volatile boolean closing;
    private volatile Channel listener;
    private LinkFailure failure;

    /** Binds a free port of 127.0.0.1; {@code links} names the link for a client id (null: none). */
    SharedPort(LinkTls tls, Function<String, Link> links, ProxyEvents events) {
        this.links = links;
        this.events = events;
        // Daemon: a test that forgets close() must not keep the JVM alive.
        this.reception = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("cloudcut-shared-port", true),
                ProxyTransport.ioHandler());
        this.bootstrap = new ServerBootstrap()
                .group(reception, reception)
                .channel(ProxyTransport.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel device) {
                        unclaimed.add(device);
                        tls.endDeviceTls(device);
                        device.pipeline().addLast(reception());
                    }
                });
        this.listener = watched(bootstrap.bind(LinkListener.HOST, 0).syncUninterruptibly().channel());
        this.port = ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /**
     * {@code channel}, whose close unasked is a failure of the port: every link on it stops taking
     * connections, so it is recorded and the same port bound again, for a while if it is taken.
     */
    private Channel watched(Channel channel) {
        channel.closeFuture().addListener(closed -> {
            if (!closing && listener == channel) {
                failed("its listening socket closed");
                listenAgain(REBIND_ATTEMPTS);
            }
        });
        return channel;
    }

    private void listenAgain(int attempts) {
        if (closing) {
            return;
        }
        bootstrap.bind(LinkListener.HOST, port).addListener((ChannelFuture bound) -> {
            if (bound.isSuccess()) {
                listener = watched(bound.channel());
            } else if (attempts > 1) {
                reception.schedule(() -> listenAgain(attempts - 1), REBIND_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                LOG.error("shared port {} still taken after {} attempts: its links no longer take connections",
                        port, REBIND_ATTEMPTS);
            }
        });
    }

    private synchronized void failed(String what) {
        LOG.error("shared port {}: {}; listening on it again", port, what);
        failure = failure == null ? new LinkFailure(LinkFailure.SHARED_PORT, 1, what)
                : new LinkFailure(LinkFailure.SHARED_PORT, failure.times() + 1, failure.first());
    }

    /** How often the port stopped listening under its links, and what first; empty if it never did. */
    synchronized Optional<LinkFailure> failure() {
        return Optional.ofNullable(failure);
    }

    int port() {
        return port;
    }

    /** Connections closed because they named no link or sent no CONNECT. */
    long refused() {
        return refused.sum();
    }

    /** Closes the port and the connections not yet handed to a link. */
    @Override
    public void close() {
        closing = true;
        // The loop's shutdown does not close what is registered on it (see Link#close).
        listener.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        unclaimed.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        reception.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Reads each connection until its CONNECT names its link, then hands it, and what was read, to that link. */
    private ConnectReader reception() {
        return new ConnectReader(CONNECT_LIMIT, new ConnectReader.Outcome() {
            @Override
            public void connected(ChannelHandlerContext ctx, DeviceCodec device) {
                String clientId = device.connect().orElseThrow().payload().clientIdentifier();
                Link link = links.apply(clientId);
                ConnectReader reader = (ConnectReader) ctx.handler();
                if (link == null) {
                    turnAway(ctx, clientId, "no link has client id '" + clientId + "'");
                    ReferenceCountUtil.release(reader.take());
                    ctx.close();
                    return;
                }
                handOver(ctx, reader, device, link);
            }

            @Override
            public void refused(ChannelHandlerContext ctx, String clientId, String why) {
                turnAway(ctx, clientId, why);
            }
        });
    }

    private void turnAway(ChannelHandlerContext ctx, String clientId, String why) {
        refused.increment();
        LOG.warn("shared port {}: closed a connection from {}: {}", port, ctx.channel().remoteAddress(), why);
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("clientId", clientId);
        about.put("reason", why);
        events.publish("connection-unknown", about);
    }

    /** Moves the channel to the link's event loop, where the link's sockets live and its faults run; the link closes it then. */
    private void handOver(ChannelHandlerContext ctx, ConnectReader reader, DeviceCodec device, Link link) {
        Channel channel = ctx.channel();
        channel.deregister().addListener(deregistered -> {
            if (!deregistered.isSuccess()) {
                channel.close();
                return;
            }
            link.loop().register(channel).addListener(registered -> {
                if (!registered.isSuccess()) {
                    channel.close();
                    ReferenceCountUtil.release(reader.take());
                    return;
                }
                ByteBuf handed = reader.take();
                ctx.pipeline().remove(reader);
                if (handed == null) {
                    // Closed while it moved.
                    channel.close();
                    return;
                }
                link.arrived(channel, device, handed);
                unclaimed.remove(channel);
            });
        });
    }
}
