package io.cloudcut.fault;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A link's own listening socket on 127.0.0.1, which faults that refuse connections close and which
 * listens again on the same port when they go. Confined to the link's event loop but for its constructor and
 * {@link #awaitBound}, which the proxy calls before the link is handed out.
 */
final class LinkListener {

    static final String HOST = "127.0.0.1";
    private static final Logger LOG = LoggerFactory.getLogger(LinkListener.class);
    private static final Duration RELEASE_LIMIT = Duration.ofSeconds(5);
    /** How long a port taken by another socket is tried again: 30 s. */
    private static final int REBIND_ATTEMPTS = 300;
    private static final Duration REBIND_EVERY = Duration.ofMillis(100);

    /** What goes wrong with a listening socket that is no fault's doing: the link's own failures. */
    interface Failures {
        /** It closed without being told to. */
        void lost();

        /** It could not listen again (another socket took its port); binding is retried for a while. */
        void notBound(Throwable cause);
    }

    private final EventLoop loop;
    private final ServerBootstrap bootstrap;
    private final ChannelFuture firstBind;
    /** Known once {@link #awaitBound} has returned; the port every later bind takes again. */
    private volatile int port;
    private final Failures failures;
    /** Null or closed while a fault keeps the link from listening. */
    private Channel listener;

    /**
     * Starts binding {@code listenPort} on 127.0.0.1, or a free port if 0 ({@link #awaitBound} waits for it);
     * {@code acceptor} gets each accepted channel; {@code failures} hears, on the loop, of what goes wrong
     * once it listens.
     */
    LinkListener(EventLoop loop, int listenPort, ChannelHandler acceptor, Failures failures) {
        this.loop = loop;
        this.failures = failures;
        this.bootstrap = new ServerBootstrap()
                .group(loop, loop)
                .channel(ProxyTransport.serverChannel())
                // Rebinding after a refuse must succeed while closed connections linger in TIME_WAIT.
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(acceptor);
        this.firstBind = bootstrap.bind(HOST, listenPort);
        this.listener = firstBind.channel();
        // Watched once it listens: a first bind that fails is awaitBound's exception, not the loss of a listener.
        firstBind.addListener(bound -> {
            if (bound.isSuccess()) {
                watched(firstBind.channel());
            }
        });
    }

    /**
     * Waits for the bind the constructor started, so that many listeners bind at once rather than one
     * after another.
     *
     * @return the port it listens on
     * @throws io.netty.channel.ChannelException or another exception if the port could not be bound
     */
    int awaitBound() {
        port = ((InetSocketAddress) firstBind.syncUninterruptibly().channel().localAddress()).getPort();
        return port;
    }

    /** Closes the listening socket for good, for a proxy that closes; on the loop. */
    void close() {
        Channel closing = listener;
        listener = null;
        if (closing != null) {
            closing.close();
        }
    }

    /** Closes the listening socket of a link that is not opened after all; on the loop, as everything else. */
    void abandon() {
        loop.execute(this::stopListening);
    }

    /** {@code channel}, whose close is the loss of the listener unless {@link #stopListening} closed it. */
    private Channel watched(Channel channel) {
        channel.closeFuture().addListener(closed -> {
            if (listener == channel) {
                failures.lost();
            }
        });
        return channel;
    }

    /**
     * Binds the port again if it is closed; the future completes once it listens, or once the first try
     * failed, so that a change of faults never waits for the port to come free: the port is then tried
     * again while {@code wanted} says so, for a while.
     */
    Future<?> listen(BooleanSupplier wanted) {
        Promise<Void> tried = loop.newPromise();
        bind(wanted, REBIND_ATTEMPTS, tried);
        return tried;
    }

    private void bind(BooleanSupplier wanted, int attempts, Promise<Void> tried) {
        if (listener != null && listener.isOpen()) {
            tried.trySuccess(null);
            return;
        }
        ChannelFuture bound = bootstrap.bind(HOST, port);
        // A bind that fails closes its channel: that is no loss of a listener.
        listener = bound.channel();
        bound.addListener(done -> {
            if (done.isSuccess()) {
                watched(bound.channel());
            } else if (attempts == REBIND_ATTEMPTS) {
                failures.notBound(done.cause());
            }
            // After the failure is recorded: whoever waits for the attempt reads it next.
            tried.trySuccess(null);
            if (!done.isSuccess() && attempts == 1) {
                LOG.error("port {} still taken after {} attempts: its link no longer listens", port, REBIND_ATTEMPTS);
            } else if (!done.isSuccess()) {
                loop.schedule(() -> {
                    if (wanted.getAsBoolean()) {
                        bind(wanted, attempts - 1, tried);
                    }
                }, REBIND_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    /** Closes the listening socket; the future completes once the port refuses connections. */
    Future<?> stopListening() {
        if (listener == null) {
            return loop.newSucceededFuture(null);
        }
        Channel closing = listener;
        listener = null;
        Promise<Void> released = loop.newPromise();
        closing.close().addListener(closed -> awaitRelease(released, System.nanoTime() + RELEASE_LIMIT.toNanos()));
        return released;
    }

    /**
     * NIO keeps a closed listening socket listening until its selector lets go of it, a loop turn or
     * more after the close completed, and a connection made in between is still accepted. The port is
     * released once a socket that does not listen may bind it, which Linux refuses only beside a listener.
     */
    private void awaitRelease(Promise<Void> released, long giveUpAt) {
        if (portReleased() || System.nanoTime() > giveUpAt) {
            released.trySuccess(null);
            return;
        }
        loop.schedule(() -> awaitRelease(released, giveUpAt), 1, TimeUnit.MILLISECONDS);
    }

    private boolean portReleased() {
        try (Socket probe = new Socket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(HOST, port));
            return true;
        } catch (IOException stillListening) {
            return false;
        }
    }
}
