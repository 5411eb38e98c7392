package io.cloudcut.fault;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** Feeds what one side of a connection reads, and its close, into the {@link Pipe} towards the other side. */
final class RelayHandler extends ChannelInboundHandlerAdapter {

    private final ProxyConnection connection;
    /** Where the bytes read by this handler travel. */
    private final Direction direction;

    RelayHandler(ProxyConnection connection, Direction direction) {
        this.connection = connection;
        this.direction = direction;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        guarded(() -> connection.relay(direction, (ByteBuf) msg));
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        guarded(() -> connection.pipe(direction).flush());
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // This side drained: the other side, which writes into this one, may read again.
        guarded(() -> connection.pipe(direction.opposite()).resumeIfRoom());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        guarded(() -> connection.sideClosed(direction));
    }

    /**
     * What throws here is the proxy's own code (faults, framing, pipes), never the network, whose
     * troubles arrive in {@link #exceptionCaught}: the link is restarted and the failure recorded.
     */
    private void guarded(Runnable step) {
        connection.link().guarded("relaying " + direction.name().toLowerCase(java.util.Locale.ROOT), step);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Resets and broken pipes are normal here; closing passes them on like any other close.
        ctx.close();
    }
}
