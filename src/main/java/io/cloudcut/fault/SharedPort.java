package io.cloudcut.fault;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
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
    private static final Logger LOG = LoggerFactory.getLogger(SharedPort.class);

    private final Function<String, Link> links;
    private final ProxyEvents events;
    private final EventLoopGroup reception;
    private final LongAdder refused = new LongAdder();
    private final Channel listener;
    private final int port;

    /** Binds a free port of 127.0.0.1; {@code links} names the link for a client id (null: none). */
    SharedPort(LinkTls tls, Function<String, Link> links, ProxyEvents events) {
        this.links = links;
        this.events = events;
        // Daemon: a test that forgets close() must not keep the JVM alive.
        this.reception = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("cloudcut-shared-port", true),
                NioIoHandler.newFactory());
        this.listener = new ServerBootstrap()
                .group(reception, reception)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel device) {
                        if (tls != null) {
                            device.pipeline().addLast(tls.towardsDevice(device.alloc()));
                        }
                        device.pipeline().addLast(new Reception());
                    }
                })
                .bind(LinkListener.HOST, 0).syncUninterruptibly().channel();
        this.port = ((InetSocketAddress) listener.localAddress()).getPort();
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
        reception.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /**
     * Reads one connection until its CONNECT names its link, keeping every byte read, then hands the
     * connection and those bytes to the link on the link's event loop.
     */
    private final class Reception extends ChannelInboundHandlerAdapter {

        private final DeviceCodec device = new DeviceCodec();
        /** Null once handed over or released. */
        private CompositeByteBuf read;
        private ScheduledFuture<?> limit;
        private boolean identified;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            read = ctx.alloc().compositeBuffer();
            limit = ctx.executor().schedule(() -> refuse(ctx, null, "sent no CONNECT within " + CONNECT_LIMIT.toSeconds() + " s"),
                    CONNECT_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf bytes = (ByteBuf) msg;
            if (read == null) {
                ReferenceCountUtil.release(bytes);
                return;
            }
            read.addComponent(true, bytes);
            if (identified) {
                // Read after the CONNECT, before reading stopped: it goes on after the CONNECT.
                return;
            }
            device.read(bytes);
            if (device.connect().isEmpty()) {
                if (device.gaveUp()) {
                    refuse(ctx, null, "its first packet is not an MQTT CONNECT of at most 64 KB");
                }
                return;
            }
            MqttConnectMessage connect = device.connect().get();
            String clientId = connect.payload().clientIdentifier();
            Link link = links.apply(clientId);
            if (link == null) {
                refuse(ctx, clientId, "no link has client id '" + clientId + "'");
                return;
            }
            identified = true;
            limit.cancel(false);
            ctx.channel().config().setAutoRead(false);
            handOver(ctx, link);
        }

        /** Moves the channel to the link's event loop, where the link's sockets live and its faults run. */
        private void handOver(ChannelHandlerContext ctx, Link link) {
            Channel channel = ctx.channel();
            channel.deregister().addListener(deregistered -> {
                if (!deregistered.isSuccess()) {
                    channel.close();
                    return;
                }
                link.loop().register(channel).addListener(registered -> {
                    if (registered.isSuccess()) {
                        arrive(ctx, link);
                    } else {
                        channel.close();
                        releaseRead();
                    }
                });
            });
        }

        private void arrive(ChannelHandlerContext ctx, Link link) {
            ByteBuf handed = read;
            read = null;
            ctx.pipeline().remove(this);
            if (handed == null) {
                // Closed while it moved.
                ctx.channel().close();
                return;
            }
            link.arrived(ctx.channel(), device, handed);
        }

        private void refuse(ChannelHandlerContext ctx, String clientId, String why) {
            if (identified || read == null) {
                return;
            }
            refused.increment();
            LOG.warn("shared port {}: closed a connection from {}: {}", port, ctx.channel().remoteAddress(), why);
            Map<String, Object> about = new LinkedHashMap<>();
            about.put("clientId", clientId);
            about.put("reason", why);
            events.publish("connection-unknown", about);
            releaseRead();
            ctx.close();
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            limit.cancel(false);
            releaseRead();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            releaseRead();
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // A TLS handshake that failed, or a reset: the device is gone before it was anyone's.
            releaseRead();
            ctx.close();
        }

        private void releaseRead() {
            if (read != null) {
                read.release();
                read = null;
            }
        }
    }
}
