package io.cloudcut.fault;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.Future;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One device's path to the broker: a listening port on 127.0.0.1 that forwards every connection to
 * the broker, unless a fault is applied. All of a link's sockets live on one event loop, where every
 * change of fault runs; the methods here may be called from any thread except that loop's.
 */
public final class Link {

    private static final String HOST = "127.0.0.1";

    private final String id;
    private final EventLoop loop;
    private final InetSocketAddress upstream;
    private final ServerBootstrap listenerBootstrap;
    private final int port;
    private final Set<ProxyConnection> connections = ConcurrentHashMap.newKeySet();
    private final LinkCounters counters = new LinkCounters();
    private final LinkControl control = () -> List.copyOf(connections);
    private volatile LinkFault activeFault;
    /** Null or closed while a fault keeps the link from listening. */
    private Channel listener;

    Link(String id, EventLoop loop, InetSocketAddress upstream) {
        this.id = id;
        this.loop = loop;
        this.upstream = upstream;
        this.listenerBootstrap = new ServerBootstrap()
                .group(loop, loop)
                .channel(NioServerSocketChannel.class)
                // Rebinding after a refuse must succeed while closed connections linger in TIME_WAIT.
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new Acceptor());
        this.listener = listenerBootstrap.bind(HOST, 0).syncUninterruptibly().channel();
        this.port = ((InetSocketAddress) listener.localAddress()).getPort();
    }

    public String id() {
        return id;
    }

    /** Always 127.0.0.1: links are for devices in this process or on this machine. */
    public String host() {
        return HOST;
    }

    /** The port devices connect to; it stays the same across faults. */
    public int port() {
        return port;
    }

    /**
     * Makes {@code fault} the link's only fault, replacing the active one, and returns once it is in
     * effect (the listening socket closed or bound as the fault wants, open connections dealt with).
     */
    public void apply(LinkFault fault) {
        Objects.requireNonNull(fault, "fault");
        changeTo(fault);
    }

    /**
     * Removes the active fault: the link listens on the same port again and forwards bytes on the
     * connections still open.
     *
     * @throws io.netty.channel.ChannelException or another exception if the port cannot be bound again
     */
    public void restore() {
        changeTo(null);
    }

    public Optional<LinkFault> activeFault() {
        return Optional.ofNullable(activeFault);
    }

    /** Device connections open at this moment, including those a fault keeps half open. */
    public int openConnections() {
        return (int) connections.stream().filter(ProxyConnection::clientOpen).count();
    }

    public LinkStats stats() {
        return counters.snapshot();
    }

    @Override
    public String toString() {
        return "Link[" + id + " " + HOST + ":" + port + " -> " + upstream + ", fault="
                + activeFault().map(LinkFault::name).orElse("none") + "]";
    }

    private void changeTo(LinkFault next) {
        if (loop.inEventLoop()) {
            switchFault(next);
            return;
        }
        loop.submit(() -> switchFault(next)).syncUninterruptibly().getNow().syncUninterruptibly();
    }

    private Future<?> switchFault(LinkFault next) {
        activeFault = next;
        Future<?> listening = next == null || next.acceptsConnections() ? listen() : stopListening();
        if (next != null) {
            next.onApply(control);
        }
        List.copyOf(connections).forEach(ProxyConnection::reconsiderClose);
        return listening;
    }

    private Future<?> listen() {
        if (listener != null && listener.isOpen()) {
            return loop.newSucceededFuture(null);
        }
        ChannelFuture bound = listenerBootstrap.bind(HOST, port);
        listener = bound.channel();
        return bound;
    }

    private Future<?> stopListening() {
        if (listener == null) {
            return loop.newSucceededFuture(null);
        }
        Channel closing = listener;
        listener = null;
        return closing.close();
    }

    void accepted(ProxyConnection connection) {
        connections.add(connection);
        counters.accepted();
        LinkFault fault = activeFault;
        if (fault != null) {
            fault.onNewConnection(connection);
        }
    }

    void clientClosed() {
        counters.closed();
    }

    void resetting() {
        counters.reset();
    }

    void forget(ProxyConnection connection) {
        connections.remove(connection);
    }

    /** The active fault's verdict; a drop is counted here. */
    LinkFault.Verdict verdictOnBytes(Direction direction, int length) {
        LinkFault fault = activeFault;
        LinkFault.Verdict verdict = fault == null ? LinkFault.Verdict.FORWARD : fault.onBytes(direction, length);
        if (verdict == LinkFault.Verdict.DROP) {
            counters.dropped(length);
        }
        return verdict;
    }

    void forwarded(Direction direction, int length) {
        counters.forwarded(direction, length);
    }

    LinkFault.Verdict verdictOnClose(Direction direction) {
        LinkFault fault = activeFault;
        return fault == null ? LinkFault.Verdict.FORWARD : fault.onClose(direction);
    }

    /** Hands each accepted device channel to a new {@link ProxyConnection}. */
    @ChannelHandler.Sharable
    private final class Acceptor extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.pipeline().remove(this);
            new ProxyConnection(Link.this, ctx.channel()).start(upstream);
        }
    }
}
