package io.cloudcut.fault;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.net.InetSocketAddress;

/** A device connection and its broker connection. Confined to the link's event loop. */
final class ProxyConnection implements ProxiedConnection {

    private final Link link;
    private final Channel client;
    private final Pipe up = new Pipe(this, Direction.UPSTREAM);
    private final Pipe down = new Pipe(this, Direction.DOWNSTREAM);
    /** Null until connected to the broker. */
    private Channel upstream;

    ProxyConnection(Link link, Channel client) {
        this.link = link;
        this.client = client;
    }

    /** Called on the accepted device channel, which does not read until the broker side is connected. */
    void start(InetSocketAddress upstreamAddress) {
        client.pipeline().addLast(new RelayHandler(this, Direction.UPSTREAM));
        link.accepted(this);
        if (!client.isOpen()) {
            return;
        }
        new Bootstrap()
                .group(client.eventLoop())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new RelayHandler(this, Direction.DOWNSTREAM))
                .connect(upstreamAddress)
                .addListener((ChannelFutureListener) this::upstreamConnected);
    }

    private void upstreamConnected(ChannelFuture connected) {
        if (!connected.isSuccess()) {
            client.close();
            return;
        }
        upstream = connected.channel();
        if (!client.isActive()) {
            upstream.close();
            return;
        }
        client.config().setAutoRead(true);
        upstream.config().setAutoRead(true);
    }

    /** The channel that bytes travelling in {@code direction} are written to; null if not yet connected. */
    Channel target(Direction direction) {
        return direction == Direction.UPSTREAM ? upstream : client;
    }

    Pipe pipe(Direction direction) {
        return direction == Direction.UPSTREAM ? up : down;
    }

    Link link() {
        return link;
    }

    EventLoop loop() {
        return client.eventLoop();
    }

    boolean clientOpen() {
        return client.isOpen();
    }

    /** The side that the bytes travelling in {@code direction} come from has closed. */
    void sideClosed(Direction direction) {
        if (direction == Direction.UPSTREAM) {
            link.clientClosed();
        }
        pipe(direction).sourceClosed();
        if (!client.isOpen() && (upstream == null || !upstream.isOpen())) {
            link.forget(this);
        }
    }

    /** Closes the surviving side of a half-closed connection if the link's faults now let the close through. */
    void reconsiderClose() {
        if (!client.isOpen()) {
            up.passOnClose();
        } else if (upstream != null && !upstream.isOpen()) {
            down.passOnClose();
        }
    }

    @Override
    public void reset() {
        if (client.isOpen()) {
            client.config().setOption(ChannelOption.SO_LINGER, 0);
            link.resetting();
            client.close();
        }
        closeUpstream();
    }

    @Override
    public void close() {
        client.close();
        closeUpstream();
    }

    private void closeUpstream() {
        if (upstream != null) {
            upstream.close();
        }
    }
}
