package io.cloudcut.fault;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Reads a new device connection until its MQTT CONNECT is whole, keeping every byte read, before the
 * proxy decides what to do with it: which link it is (the shared port), or whether a fault aimed at its
 * client id lets it reach the broker at all (a link's own port). Reading stops at the CONNECT; bytes
 * that arrived with it are kept after it. A connection whose first packet is no CONNECT (or one over
 * 64 KB, a large will), or that sends none within the limit, is turned away, with nothing read kept.
 */
final class ConnectReader extends ChannelInboundHandlerAdapter {

    /** What becomes of the connection; called on its event loop. */
    interface Outcome {

        /** Its CONNECT is whole ({@code device} decoded it); {@link #take()} the bytes read when the connection goes on. */
        void connected(ChannelHandlerContext ctx, DeviceCodec device);

        /** Turned away before its CONNECT named it; {@code clientId} null when none was read. */
        void refused(ChannelHandlerContext ctx, String clientId, String why);
    }

    private final Duration limit;
    private final Outcome outcome;
    private final DeviceCodec device = new DeviceCodec();
    /** Null once taken or released. */
    private CompositeByteBuf read;
    private ScheduledFuture<?> timeLimit;
    private boolean identified;

    ConnectReader(Duration limit, Outcome outcome) {
        this.limit = limit;
        this.outcome = outcome;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        read = ctx.alloc().compositeBuffer();
        timeLimit = ctx.executor().schedule(() -> refuse(ctx, null, "sent no CONNECT within " + limit.toSeconds() + " s"),
                limit.toMillis(), TimeUnit.MILLISECONDS);
        ctx.channel().config().setAutoRead(true);
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
        identified = true;
        timeLimit.cancel(false);
        ctx.channel().config().setAutoRead(false);
        outcome.connected(ctx, device);
    }

    /** Everything read so far, the CONNECT first; null if the connection closed meanwhile. The caller owns it. */
    CompositeByteBuf take() {
        CompositeByteBuf taken = read;
        read = null;
        return taken;
    }

    /** Turns the connection away, unless its CONNECT already named it: nothing read is kept, and it is closed. */
    void refuse(ChannelHandlerContext ctx, String clientId, String why) {
        if (identified || read == null) {
            return;
        }
        releaseRead();
        outcome.refused(ctx, clientId, why);
        ctx.close();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        timeLimit.cancel(false);
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
