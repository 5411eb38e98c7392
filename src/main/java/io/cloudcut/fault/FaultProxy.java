package io.cloudcut.fault;

import io.cloudcut.scenario.ScenarioClock;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.ToLongBiFunction;

/**
 * An in-process TCP proxy between devices and an MQTT broker, with one {@link Link} per device so
 * that faults can be applied to devices one by one. A link listens on a port of its own
 * ({@link #openLink}), or on one port that the proxy shares among links and that tells them apart by
 * the client id of each connection's MQTT CONNECT ({@link #openLinkOnSharedPort}), which saves a
 * listening socket (an open file) a device. It owns its threads; {@link #close()} releases them.
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.create("127.0.0.1", brokerPort)) {
 *     Link link = proxy.openLink("thermostat-1");
 *     // connect the device to link.host():link.port(), then
 *     link.apply(LinkFaults.named("blackhole"));
 *     link.restore();
 * }
 * }</pre>
 */
public final class FaultProxy implements AutoCloseable {

    /** The longest a close waits for its links to close their ports and connections before its loops end. */
    private static final Duration CLOSE_LIMIT = Duration.ofSeconds(10);

    private final InetSocketAddress upstream;
    private final LinkTls tls;
    private final SharedByLinks shared;
    private final EventLoopGroup loops;
    private final Map<String, Link> links = new ConcurrentHashMap<>();
    /** Null until the first link on it opens. */
    private SharedPort sharedPort;
    private boolean closed;

    private FaultProxy(InetSocketAddress upstream, LinkTls tls, LongSupplier clockNanos) {
        this.upstream = upstream;
        this.tls = tls;
        this.shared = new SharedByLinks(clockNanos);
        // Daemon threads: a test that forgets close() must not keep the JVM alive.
        this.loops = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                new DefaultThreadFactory("cloudcut-fault-proxy", true), ProxyTransport.ioHandler());
    }

    /** The event loops that carry every link's bytes, for a harness that watches its own loops for lag. */
    public Iterable<EventExecutor> eventLoops() {
        return loops;
    }

    /**
     * A proxy whose links all lead to the broker at {@code upstreamHost:upstreamPort}; faults that
     * measure rates (overload) measure them in real time.
     */
    public static FaultProxy create(String upstreamHost, int upstreamPort) {
        return create(upstreamHost, upstreamPort, LinkTls.PLAIN, System::nanoTime);
    }

    /**
     * A proxy whose faults measure rates on {@code clock}, the scenario clock of the devices behind
     * it: a device's reconnect backoff runs on that clock, so a connect rate the cloud carries per
     * scenario minute sees the same fleet whatever the time scale.
     */
    public static FaultProxy create(String upstreamHost, int upstreamPort, ScenarioClock clock) {
        return create(upstreamHost, upstreamPort, LinkTls.PLAIN, () -> clock.now().toNanos());
    }

    /** As {@link #create(String, int, ScenarioClock)}, every link with TLS on the sides {@code tls} names. */
    public static FaultProxy create(String upstreamHost, int upstreamPort, ScenarioClock clock, ProxyTls tls) {
        return create(upstreamHost, upstreamPort, LinkTls.of(tls), () -> clock.now().toNanos());
    }

    /** As {@link #create(String, int)}, every link with TLS on the sides {@code tls} names. */
    public static FaultProxy create(String upstreamHost, int upstreamPort, ProxyTls tls) {
        return create(upstreamHost, upstreamPort, LinkTls.of(tls), System::nanoTime);
    }

    private static FaultProxy create(String upstreamHost, int upstreamPort, LinkTls tls, LongSupplier clockNanos) {
        if (upstreamPort < 1 || upstreamPort > 65535) {
            throw new IllegalArgumentException("Upstream port out of range: " + upstreamPort);
        }
        return new FaultProxy(new InetSocketAddress(upstreamHost, upstreamPort), tls, clockNanos);
    }

    /**
     * Opens a healthy link listening on a free port of 127.0.0.1.
     *
     * @throws IllegalArgumentException if a link with this id is already open
     * @throws IllegalStateException    if the proxy is closed
     */
    public Link openLink(String id) {
        return openLink(id, 0);
    }

    /**
     * Opens a healthy link listening on {@code port} of 127.0.0.1 (0: a free port), for devices that
     * expect the broker at a fixed address.
     *
     * @throws IllegalArgumentException if a link with this id is already open or the port is out of range
     * @throws IllegalStateException    if the proxy is closed
     * @throws io.netty.channel.ChannelException or another exception if the port cannot be bound
     */
    public synchronized Link openLink(String id, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Listen port out of range: " + port);
        }
        return open(List.of(id), null, port).get(0);
    }

    /**
     * Opens a healthy link for each of {@code ids}, in that order: each on a free port of its own, whose
     * binds are under way at once rather than one after another (a fleet's 1,000 links took 135-370 ms
     * one at a time, each waiting for the proxy's loop), or all on the shared port ({@link
     * #openLinkOnSharedPort}). If one cannot be opened, none is.
     *
     * @throws IllegalArgumentException if a link with one of these ids is already open, or an id comes twice
     * @throws IllegalStateException    if the proxy is closed
     * @throws io.netty.channel.ChannelException or another exception if a port cannot be bound
     */
    public synchronized List<Link> openLinks(List<String> ids, boolean onSharedPort) {
        return open(ids, onSharedPort ? sharedPort() : null, 0);
    }

    /**
     * Opens a healthy link on the proxy's shared port of 127.0.0.1 (bound when the first such link
     * opens), which hands it the connections whose MQTT CONNECT carries {@code clientId}: the link's id
     * is the device's client id. Faults that refuse connections reset them after their CONNECT instead
     * (see {@link Link}).
     *
     * @throws IllegalArgumentException if a link with this id is already open
     * @throws IllegalStateException    if the proxy is closed
     */
    public synchronized Link openLinkOnSharedPort(String clientId) {
        return open(List.of(clientId), sharedPort(), 0).get(0);
    }

    /** Bound when the first link on it opens; null once the proxy is closed without one. */
    private SharedPort sharedPort() {
        if (sharedPort == null && !closed) {
            sharedPort = new SharedPort(tls, this::onSharedPort, shared.events());
        }
        return sharedPort;
    }

    /** Connections the shared port closed because their client id named no link, or they sent no CONNECT. */
    public long refusedOnSharedPort() {
        SharedPort port;
        synchronized (this) {
            port = sharedPort;
        }
        return port == null ? 0 : port.refused();
    }

    private List<Link> open(List<String> ids, SharedPort on, int port) {
        if (closed) {
            throw new IllegalStateException("Fault proxy is closed");
        }
        Set<String> opening = new HashSet<>();
        for (String id : ids) {
            if (links.containsKey(id)) {
                throw new IllegalArgumentException("Link '" + id + "' is already open");
            }
            if (!opening.add(id)) {
                throw new IllegalArgumentException("Link '" + id + "' is named twice");
            }
        }
        List<Link> opened = new ArrayList<>(ids.size());
        for (String id : ids) {
            opened.add(new Link(id, loops.next(), upstream, tls, shared, port, on));
        }
        try {
            opened.forEach(Link::awaitListening);
        } catch (RuntimeException failed) {
            opened.forEach(Link::abandon);
            throw failed;
        }
        opened.forEach(link -> links.put(link.id(), link));
        return opened;
    }

    /** The link on the shared port for {@code clientId}; null if none. */
    private Link onSharedPort(String clientId) {
        Link link = links.get(clientId);
        return link != null && link.onSharedPort() ? link : null;
    }

    /** @throws IllegalArgumentException if no link has this id; the message lists the open ones */
    public Link link(String id) {
        Link link = links.get(id);
        if (link == null) {
            throw new IllegalArgumentException("No link '" + id + "'; open links: " + links.keySet());
        }
        return link;
    }

    /**
     * How long the device connection waiting for its CONNACK the longest has waited now, in milliseconds, on links whose
     * faults did not meet it (none now, none since it was accepted): a connect held up by this machine's handshakes or the
     * broker alone. 0 when none waits.
     */
    public long longestUnfaultedConnectMillis() {
        return longestOverLinksMillis(Link::longestUnfaultedConnectNanos);
    }

    /**
     * How many device connections the proxy has accepted so far on links with no fault: the connects devices start where
     * only this machine and the broker answer them. A connection the kernel refused for a link that does not listen is not
     * one.
     */
    public long unfaultedConnectsAccepted() {
        return shared.unfaultedAccepts();
    }

    /**
     * How long the device publish of QoS 1 or 2 that the broker has left unanswered the longest has waited now, in
     * milliseconds: a broker that keeps devices waiting past their time-out cuts their connections for the harness's
     * load, not for a fault. Only publishes on connections read packet by packet count (every MQTT 5 one, an MQTT 3.1.1
     * one while a fault reads its packets, and its broker's side until they are answered). 0 when none waits.
     */
    public long longestBrokerAnswerMillis() {
        return longestOverLinksMillis(Link::longestBrokerAnswerNanos);
    }

    /** The longest of a wait each link tells for the same moment, in milliseconds. */
    private long longestOverLinksMillis(ToLongBiFunction<Link, Long> waitNanosAt) {
        long now = System.nanoTime();
        long longest = 0;
        for (Link link : links()) {
            longest = Math.max(longest, waitNanosAt.applyAsLong(link, now));
        }
        return longest / 1_000_000;
    }

    /** What the proxy announces: connections changing state, faults added and removed. */
    public ProxyEvents events() {
        return shared.events();
    }

    /**
     * Cuts every connection opened from now on into MQTT packets, so that its packets and CONNACK codes
     * are counted and its state follows the handshake; without it, only bytes and closes are seen
     * unless a fault reads packets. It costs a decoder per direction and connection.
     */
    public void watchConnections() {
        shared.watchPackets();
    }

    /** The links whose own code failed, each restarted as often as it failed. */
    public synchronized List<LinkFailure> failures() {
        List<LinkFailure> failures = new ArrayList<>(links.values().stream().flatMap(link -> link.failure().stream()).toList());
        SharedPort port = sharedPort;
        if (port != null) {
            port.failure().ifPresent(failures::add);
        }
        return failures;
    }

    public Collection<Link> links() {
        return List.copyOf(links.values());
    }

    /** Closes every link and connection and stops the proxy's threads; links reject changes afterwards. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (sharedPort != null) {
            sharedPort.close();
        }
        List<Future<?>> closing = links.values().stream().<Future<?>>map(Link::close).toList();
        long giveUpAt = System.nanoTime() + CLOSE_LIMIT.toNanos();
        for (Future<?> link : closing) {
            link.awaitUninterruptibly(Math.max(0, giveUpAt - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        loops.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
