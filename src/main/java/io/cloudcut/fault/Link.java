package io.cloudcut.fault;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * One device's path to the broker: a listening port on 127.0.0.1 that forwards every connection to
 * the broker, through the faults applied, in the order applied. All of a link's sockets live on one
 * event loop, where every change of faults runs; the methods here may be called from any thread
 * except that loop's.
 *
 * <p>A link on the proxy's shared port ({@link FaultProxy#openLinkOnSharedPort}) has no listening
 * socket of its own, so faults that refuse connections ({@code refuse}, {@code unresolvable}, the down
 * half of {@code flap}) cannot refuse them in TCP: the connection is accepted, its CONNECT read, and
 * then it is reset, nothing opened towards the broker. A device sees a reset while it waits for its
 * CONNACK instead of ECONNREFUSED.
 */
public final class Link {

    private static final Logger LOG = LoggerFactory.getLogger(Link.class);

    private final String id;
    private final EventLoop loop;
    private final InetSocketAddress upstream;
    /** Null: plain TCP. */
    private final LinkTls tls;
    /** Null: on the proxy's shared port. */
    private final LinkListener listener;
    /** Known once {@link #awaitListening} has returned. */
    private volatile int port;
    /** Read from other threads; copied on write, as a link has one connection at a time but for a reconnect's overlap. */
    private final Set<ProxyConnection> connections = new CopyOnWriteArraySet<>();
    private final LinkCounters counters = new LinkCounters();
    private final SharedByLinks shared;
    private final ConnectionHistory history;
    /** Replaced, never changed, on the loop; read from any thread. */
    private volatile List<Active> active = List.of();
    /** When the faults last changed ({@link System#nanoTime}): a connection accepted before may have met them. */
    private volatile long faultsChangedNanos = System.nanoTime();
    /** The longest wait of a connection its client gave up on unanswered, no fault having met it, since last read. */
    private final AtomicLong abandonedWaitNanos = new AtomicLong();
    /** Null until the link's own code first fails. */
    private LinkFailure failure;
    /** Whether no fault refuses new connections, as last told on {@code /events}; on the loop. */
    private boolean accepting = true;

    /**
     * Starts binding {@code listenPort} on 127.0.0.1, or a free port if 0 ({@link #awaitListening} waits for it);
     * with {@code sharedPort}, takes its connections instead.
     */
    Link(String id, EventLoop loop, InetSocketAddress upstream, LinkTls tls, SharedByLinks shared, int listenPort,
         SharedPort sharedPort) {
        this.id = id;
        this.loop = loop;
        this.upstream = upstream;
        this.tls = tls;
        this.shared = shared;
        this.history = new ConnectionHistory(id, shared.events());
        this.listener = sharedPort == null ? new LinkListener(loop, listenPort, new Acceptor(), new LinkListener.Failures() {
            @Override
            public void lost() {
                failed("its listening socket closed", null);
            }

            @Override
            public void notBound(Throwable cause) {
                recordFailure("could not listen on its port " + port + " again", cause);
            }
        }) : null;
        this.port = sharedPort == null ? 0 : sharedPort.port();
    }

    /** Waits until the link listens (on the shared port it does at once); its {@link #port} is known from then. */
    void awaitListening() {
        if (listener != null) {
            port = listener.awaitBound();
        }
    }

    /**
     * Closes the listening socket and every connection, both sides, for a proxy that closes: its loops' shutdown alone
     * left some of them open (on epoll, closed just after devices had sent their CONNECT and left, 300 clients' rounds
     * through four proxies left 750 ports listening and 390 connections half closed). The future completes once they
     * are closed.
     */
    Future<?> close() {
        return loop.submit(() -> {
            if (listener != null) {
                listener.close();
            }
            connections.forEach(ProxyConnection::close);
        });
    }

    /** Stops listening, for a link that is not opened after all. */
    void abandon() {
        if (listener != null) {
            listener.abandon();
        }
    }

    public String id() {
        return id;
    }

    /** Always 127.0.0.1: links are for devices in this process or on this machine. */
    public String host() {
        return LinkListener.HOST;
    }

    /** The port devices connect to; it stays the same across faults. */
    public int port() {
        return port;
    }

    /** Whether devices reach it on the proxy's shared port, by their client id, rather than on a port of its own. */
    public boolean onSharedPort() {
        return listener == null;
    }

    /**
     * Makes {@code fault} the link's only fault, replacing the active ones, and returns once it is in
     * effect (the listening socket closed or bound as the fault wants, open connections dealt with).
     */
    public void apply(LinkFault fault) {
        Active only = new Active(Objects.requireNonNull(fault, "fault"), ConnectionChoice.EVERY);
        // Applied again while active, it stays as it is rather than starting over.
        changeTo(faults -> List.of(faults.stream().filter(entry -> entry.fault == fault).findFirst().orElse(only)));
    }

    /** Adds {@code fault} after the active ones, which judge bytes before it, and returns once it is in effect. */
    public void add(LinkFault fault) {
        add(fault, ConnectionChoice.EVERY);
    }

    /**
     * Adds {@code fault}, acting on the connections {@code choice} picks only. A fault that acts on the
     * listening socket (refuse, flap) keeps it open for the others and closes the chosen connections instead.
     */
    void add(LinkFault fault, ConnectionChoice choice) {
        Active added = new Active(Objects.requireNonNull(fault, "fault"), choice);
        changeTo(faults -> Stream.concat(faults.stream(), Stream.of(added)).toList());
    }

    /** Removes this very fault, if active, and returns once the link behaves without it. */
    public void remove(LinkFault fault) {
        changeTo(faults -> faults.stream().filter(other -> other.fault != fault).toList());
    }

    /**
     * Removes every fault: the link listens on the same port again and forwards bytes on the
     * connections still open. If its port cannot be bound again, that is recorded as a failure of the
     * link ({@link #failure()}) and binding is retried for a while.
     */
    public void restore() {
        changeTo(faults -> List.of());
    }

    /** The active faults, in the order they judge bytes. */
    public List<LinkFault> faults() {
        return faultsOf(active);
    }

    /** The open connections and the latest closed ones, oldest first. */
    public List<ConnectionView> connectionViews() {
        return history.all().stream().map(this::view).toList();
    }

    /** The connection with this id, if open or among the latest closed. */
    public Optional<ConnectionView> connectionView(String connectionId) {
        return history.byId(connectionId).map(this::view);
    }

    private ConnectionView view(ConnectionRecord record) {
        List<LinkFault> acting = record.isClosed() ? List.of()
                : active.stream().filter(entry -> entry.actsOn(record)).map(entry -> entry.fault).toList();
        return record.view(acting);
    }

    /** How often the link's own code failed, and what first; empty if it never did. */
    public synchronized Optional<LinkFailure> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * On the loop: the link's own code failed ({@code cause} may be null). Its connections cannot be
     * trusted any more: they are cut, and the link listens again on the same port (or stays on the
     * shared port) with the faults it had, so that its device reconnects to a link in a known state.
     */
    void failed(String what, Throwable cause) {
        if (loop.isShuttingDown()) {
            return;
        }
        recordFailure(what, cause);
        List.copyOf(connections).forEach(ProxyConnection::abort);
        updateListening();
    }

    /** Runs {@code step} of the link's own code, turning its failure into a restart of the link. */
    void guarded(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException bug) {
            failed(what, bug);
        }
    }

    private void recordFailure(String what, Throwable cause) {
        String described = cause == null ? what : what + ": " + cause;
        LOG.error("link {}: {}; restarting it on port {}", id, described, port, cause);
        synchronized (this) {
            failure = failure == null ? new LinkFailure(id, 1, described)
                    : new LinkFailure(id, failure.times() + 1, failure.first());
        }
    }

    /**
     * How long, at {@code nowNanos}, the connection waiting for its CONNACK the longest has waited, of those that no fault
     * of this link met (it has none now, and had none since they were accepted): what only this machine's handshakes and
     * the broker hold up; or longer, one its client gave up on unanswered since the last call, as a device whose connect
     * ran out of time does (it tells its own time-out once a reason, so one that ran out of time under a fault does not
     * tell it again). 0 when none waits.
     */
    long longestUnfaultedConnectNanos(long nowNanos) {
        long abandoned = abandonedWaitNanos.getAndSet(0);
        if (!active.isEmpty()) {
            return 0;
        }
        long changed = faultsChangedNanos;
        long longest = abandoned;
        for (ProxyConnection connection : connections) {
            ConnectionRecord record = connection.record();
            if (!record.acceptedBefore(changed)) {
                longest = Math.max(longest, record.connectingNanos(nowNanos));
            }
        }
        return longest;
    }

    /**
     * How long the device publish that the broker has left unanswered the longest, of those the proxy read packet by
     * packet, has waited at {@code nowNanos}, whatever the link's faults: they act before it leaves and after its answer
     * is read. 0 when none waits.
     */
    long longestBrokerAnswerNanos(long nowNanos) {
        long longest = 0;
        for (ProxyConnection connection : connections) {
            longest = Math.max(longest, connection.longestBrokerAnswerNanos(nowNanos));
        }
        return longest;
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
        return "Link[" + id + " " + host() + ":" + port + " -> " + upstream + ", faults="
                + faults().stream().map(LinkFault::name).toList() + "]";
    }

    private void changeTo(UnaryOperator<List<Active>> change) {
        if (loop.inEventLoop()) {
            switchFaults(change);
            return;
        }
        loop.submit(() -> switchFaults(change)).syncUninterruptibly().getNow().syncUninterruptibly();
    }

    private Future<?> switchFaults(UnaryOperator<List<Active>> change) {
        List<Active> before = active;
        List<Active> after = change.apply(before);
        active = after;
        if (!after.equals(before)) {
            faultsChangedNanos = System.nanoTime();
        }
        before.stream().filter(old -> !after.contains(old)).forEach(Active::removed);
        after.stream().filter(now -> !before.contains(now)).forEach(added -> added.fault.onApply(added));
        List.copyOf(connections).forEach(ProxyConnection::reconsiderClose);
        List.copyOf(connections).stream().filter(this::opensUpstream).forEach(ProxyConnection::releaseHeld);
        return updateListening();
    }

    private static List<LinkFault> faultsOf(List<Active> active) {
        return active.stream().map(entry -> entry.fault).toList();
    }

    private Future<?> updateListening() {
        announceAccepting();
        if (listener == null) {
            // The shared port stays open for the other links: accepted() resets this link's connections.
            return loop.newSucceededFuture(null);
        }
        return acceptsConnections() ? listener.listen(this::acceptsConnections) : listener.stopListening();
    }

    /**
     * Tells {@code link-closed} or {@code link-reopened} when whether the link takes new connections changed, with the
     * faults still active: a reopening with faults left is a fault's own doing (the up half of a flap), a moment from
     * which its device could reconnect that no fault's removal marks.
     */
    private void announceAccepting() {
        boolean now = acceptsConnections();
        if (now != accepting) {
            accepting = now;
            Map<String, Object> about = new LinkedHashMap<>();
            about.put("link", id);
            about.put("faults", faultsOf(active).stream().map(LinkFault::name).toList());
            shared.events().publish(now ? "link-reopened" : "link-closed", about);
        }
    }

    /** Whether no fault that acts on every connection refuses new ones. */
    private boolean acceptsConnections() {
        return active.stream().allMatch(entry -> !entry.choice.everyConnection() || entry.fault.acceptsConnections());
    }

    EventLoop loop() {
        return loop;
    }

    /**
     * On this link's loop: a new connection, accepted by this link's listener or handed over by the
     * shared port; {@code read}: null, or its CONNECT, read whole before (with what followed it).
     */
    void arrived(Channel client, DeviceCodec device, ByteBuf read) {
        // The faults' first judgement of a new connection is the link's own code too.
        ProxyConnection connection = new ProxyConnection(this, client, upstream, history.opened(), tls, device);
        guarded("taking a new connection", () -> connection.start(read));
    }

    void accepted(ProxyConnection connection) {
        connections.add(connection);
        counters.accepted();
        if (!acceptsConnections()) {
            // On the shared port, which stays open for other links; or accepted just before the own listener closed.
            connection.reset();
            return;
        }
        List<Active> faults = active;
        if (faults.isEmpty()) {
            shared.acceptedUnfaulted();
        }
        faults.stream().filter(entry -> !entry.choice.byClientId() && entry.actsOn(connection))
                .forEach(entry -> entry.fault.onNewConnection(connection));
    }

    /** The connection's CONNECT was read: the faults that chose it by its client id meet it as a new connection. */
    void identified(ProxyConnection connection) {
        active.stream().filter(entry -> entry.choice.byClientId() && entry.actsOn(connection))
                .forEach(entry -> entry.fault.onNewConnection(connection));
    }

    void clientClosed(ConnectionRecord record) {
        counters.closed();
        history.closed(record);
        if (active.isEmpty() && !record.acceptedBefore(faultsChangedNanos)) {
            long waited = record.unansweredNanos(System.nanoTime());
            if (waited > 0) {
                abandonedWaitNanos.accumulateAndGet(waited, Math::max);
            }
        }
    }

    void refusedLogin() {
        counters.refusedLogin();
    }

    void resetting() {
        counters.reset();
    }

    void forget(ProxyConnection connection) {
        connections.remove(connection);
    }

    /**
     * Whether a new connection goes on to the broker, or is held until the faults change. Faults that
     * choose by client id judge it by its CONNECT, read before the broker side opens (on the shared port,
     * and on a link's own port while such a fault is active).
     */
    boolean opensUpstream(ProxyConnection connection) {
        return active.stream().filter(entry -> entry.actsOn(connection)).allMatch(entry -> entry.fault.opensUpstream());
    }

    /** Whether a fault, or a watcher of the connections, wants the streams cut into MQTT packets. */
    boolean readsPackets() {
        return shared.watchesPackets() || active.stream().anyMatch(entry -> entry.fault.readsPackets());
    }

    /**
     * The verdict of the faults acting on {@code connection}, in order, on bytes read (a whole MQTT
     * packet if {@code packet} is not null); a drop is counted here.
     */
    LinkFault.Verdict verdict(ProxyConnection connection, Direction direction, int length, MqttMessage packet) {
        LinkFault.Verdict verdict = LinkFault.Verdict.FORWARD;
        for (Active entry : active) {
            if (!entry.actsOn(connection)) {
                continue;
            }
            if (packet != null) {
                verdict = verdict.then(entry.fault.onPacket(direction, packet));
            }
            verdict = verdict.then(entry.fault.onBytes(direction, length));
            if (!verdict.forward()) {
                counters.dropped(length);
                break;
            }
        }
        return verdict;
    }

    void forwarded(Direction direction, int length) {
        counters.forwarded(direction, length);
    }

    LinkFault.Verdict verdictOnClose(ProxyConnection connection, Direction direction) {
        LinkFault.Verdict verdict = LinkFault.Verdict.FORWARD;
        for (Active entry : active) {
            if (entry.actsOn(connection)) {
                verdict = verdict.then(entry.fault.onClose(direction));
            }
        }
        return verdict;
    }

    /**
     * An active fault, the connections it acts on, and what it controls of the link; its scheduled
     * tasks end when it is removed.
     */
    private final class Active implements LinkControl {
        private final LinkFault fault;
        private final ConnectionChoice choice;
        private final Set<ScheduledFuture<?>> tasks = new HashSet<>();

        Active(LinkFault fault, ConnectionChoice choice) {
            this.fault = fault;
            this.choice = choice;
        }

        boolean actsOn(ProxyConnection connection) {
            return actsOn(connection.record());
        }

        boolean actsOn(ConnectionRecord record) {
            return choice.everyConnection() || choice.chooses(record.number(), record.clientId());
        }

        /** The open connections this fault acts on. */
        @Override
        public List<ProxiedConnection> connections() {
            return connections.stream().filter(this::actsOn).map(ProxiedConnection.class::cast).toList();
        }

        @Override
        public void schedule(Runnable task, long delayMillis) {
            tasks.removeIf(ScheduledFuture::isDone);
            tasks.add(loop.schedule(() -> guarded("fault " + fault.name() + " failed in a task", task), delayMillis,
                    TimeUnit.MILLISECONDS));
        }

        @Override
        public void acceptsConnectionsChanged() {
            updateListening();
        }

        @Override
        public long clockNanos() {
            return shared.clockNanos();
        }

        @Override
        public <T> T shared(Object key, Class<T> type, Supplier<T> create) {
            return shared.state(key, type, create);
        }

        void removed() {
            tasks.forEach(task -> task.cancel(false));
            fault.onRemove(this);
        }
    }

    /** Hands each accepted device channel to a new {@link ProxyConnection}. */
    @ChannelHandler.Sharable
    private final class Acceptor extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.pipeline().remove(this);
            // Its handshake reads only once the connection reads, after the broker side is up.
            tls.endDeviceTls(ctx.channel());
            if (active.stream().anyMatch(entry -> entry.choice.byClientId())) {
                // A fault aimed at client ids judges the connection by its CONNECT: read it before the broker
                // side is opened, so that a blackhole aimed at this client opens nothing there.
                ctx.pipeline().addLast(new ConnectReader(SharedPort.CONNECT_LIMIT, new ConnectReader.Outcome() {
                    @Override
                    public void connected(ChannelHandlerContext reading, DeviceCodec device) {
                        ConnectReader reader = (ConnectReader) reading.handler();
                        ByteBuf read = reader.take();
                        reading.pipeline().remove(reader);
                        arrived(reading.channel(), device, read);
                    }

                    @Override
                    public void refused(ChannelHandlerContext reading, String clientId, String why) {
                        LOG.warn("link {}: closed a connection from {}: {}", id, reading.channel().remoteAddress(), why);
                    }
                }));
                return;
            }
            arrived(ctx.channel(), new DeviceCodec(), null);
        }
    }
}
