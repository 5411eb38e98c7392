package io.cloudcut.fault;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Reads one side of a connection and writes to the other, as the link's fault decides. Reading stops
 * while the other side cannot take more, so that a slow reader never makes the proxy buffer without
 * bound.
 */
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
        ByteBuf bytes = (ByteBuf) msg;
        int length = bytes.readableBytes();
        Channel target = connection.target(direction);
        // Asked first so that a fault counts its drops even when the other side is already gone.
        if (connection.link().verdictOnBytes(direction, length) == LinkFault.Verdict.DROP
                || target == null || !target.isActive()) {
            bytes.release();
            return;
        }
        connection.link().forwarded(direction, length);
        target.write(bytes);
        if (!target.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        Channel target = connection.target(direction);
        if (target != null) {
            target.flush();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // This side drained: the other side, which writes into this one, may read again.
        Channel writer = connection.target(direction);
        if (ctx.channel().isWritable() && writer != null) {
            writer.config().setAutoRead(true);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.sideClosed(direction);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Resets and broken pipes are normal here; closing passes them on like any other close.
        ctx.close();
    }
}
