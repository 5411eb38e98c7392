package io.cloudcut.broker;

import com.codahale.metrics.MetricFilter;
import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.embedded.EmbeddedHiveMQBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * An embedded HiveMQ Community Edition broker in this JVM, listening on a loopback address only.
 *
 * <p>Besides serving devices it can be {@link #stop() stopped}, {@link #start() started} and
 * {@link #restart() restarted} to simulate broker faults; it keeps its port and folders throughout,
 * so devices reconnect to the same endpoint. With {@code persistence: file} sessions and queued
 * messages survive a restart; with {@code in-memory} they are lost. Created by
 * {@link Brokers#start(BrokerSettings)}; methods are thread-safe.
 */
public final class EmbeddedBroker implements Broker, Broker.Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    /** Start is 0.1-2 s and stop about 2 s here; these only catch a broker that hangs. */
    private static final long START_TIMEOUT_SECONDS = 60;
    private static final int PORT_ATTEMPTS = 5;
    private static final long STOP_TIMEOUT_SECONDS = 60;
    private static final int LISTENER_CHECK_TIMEOUT_MILLIS = 5000;
    private static final int PERSISTENCE_GRACE_MILLIS = 200;
    /**
     * Held while a broker is built and started. HiveMQ keeps JVM-wide state: its log folder and in-flight
     * cap, which {@code build} sets, and the extension SDK's static services, which an embedded
     * extension's start registers through. Two brokers starting at once in one JVM (two runs side by side, a user's
     * test classes in parallel) could register one's authenticator in the other: a broker started beside
     * another refused its own identities (BAD_USER_NAME_OR_PASSWORD), and a run waited 60 s for its
     * cloud services to connect.
     */
    static final Object STARTING = new Object();

    private final EmbeddedConfig config;
    private final BrokerEndpoint endpoint;
    /** Null without a TLS listener. */
    private final BrokerEndpoint tlsEndpoint;
    private final BrokerFolders folders;
    private final EmbeddedHiveMQ hivemq;
    private final boolean accessControlled;
    private final ServerDisconnects serverDisconnects;
    private boolean running;
    private boolean closed;

    private EmbeddedBroker(EmbeddedConfig config, int tlsPort, BrokerFolders folders, EmbeddedHiveMQ hivemq,
                           boolean accessControlled, ServerDisconnects serverDisconnects) {
        this.config = config;
        this.endpoint = new BrokerEndpoint(config.bindAddress(), config.port());
        this.tlsEndpoint = tlsPort == 0 ? null : new BrokerEndpoint(config.bindAddress(), tlsPort);
        this.folders = folders;
        this.hivemq = hivemq;
        this.accessControlled = accessControlled;
        this.serverDisconnects = serverDisconnects;
    }

    /**
     * Creates and starts a broker; on failure nothing is left behind (no thread, no folder).
     *
     * @param access who may connect and to which topics; null lets every client in to every topic
     * @param tls    a TLS listener on a free port of the same address; null: none
     */
    static EmbeddedBroker start(EmbeddedConfig requested, AccessPolicy access, BrokerTls tls) throws BrokerException {
        return start(requested, access, tls, EmbeddedBroker::freePort);
    }

    /** Picks a port on the broker's address that looks free now (another process may take it before HiveMQ binds it). */
    interface PortChooser {
        int freePort(EmbeddedConfig config) throws BrokerException;
    }

    static EmbeddedBroker start(EmbeddedConfig requested, AccessPolicy access, BrokerTls tls, PortChooser ports)
            throws BrokerException {
        for (int attempt = 1; ; attempt++) {
            EmbeddedConfig config = requested.port() != 0 ? requested
                    // Chosen once, up front, so that config.xml names it and a restart reuses it.
                    : requested.withPort(ports.freePort(requested));
            int tlsPort = tls == null ? 0 : ports.freePort(config);
            try {
                return start(config, tlsPort, access, tls);
            } catch (BrokerException failed) {
                // A port found free, then taken by another process before HiveMQ bound it: another pair, if
                // CloudCut chose them; a port the user chose is the user's to change. Taken when HiveMQ tried,
                // not when asked again: a client's ephemeral port may be in use for a moment only (a clean-clone
                // CI run lost a test to a port in use at the start and free again at the second look).
                if (!failed.portTaken() || requested.port() != 0 || attempt == PORT_ATTEMPTS) {
                    throw failed;
                }
                LOG.info("Port {} or {} was taken before the broker bound it; trying others", config.port(), tlsPort);
            }
        }
    }

    private static EmbeddedBroker start(EmbeddedConfig config, int tlsPort, AccessPolicy access, BrokerTls tls)
            throws BrokerException {
        BrokerFolders folders = BrokerFolders.create();
        EmbeddedBroker broker = null;
        try {
            HiveMqConfigXml.write(config, tls, tlsPort, folders.config());
            synchronized (STARTING) {
                ServerDisconnects serverDisconnects = new ServerDisconnects();
                broker = new EmbeddedBroker(config, tlsPort, folders, build(folders, access, serverDisconnects),
                        access != null, serverDisconnects);
                broker.start();
            }
            LOG.info("Started {}", broker.description());
            return broker;
        } catch (BrokerException | RuntimeException e) {
            if (broker != null) {
                broker.close();
            } else {
                deleteQuietly(folders);
            }
            throw e;
        }
    }

    private static int freePort(EmbeddedConfig config) throws BrokerException {
        try {
            return LoopbackPorts.freePort(config.bindInetAddress());
        } catch (IOException e) {
            throw new BrokerException("cannot find a free port on " + config.bindAddress() + ": " + e, e);
        }
    }

    private static EmbeddedHiveMQ build(BrokerFolders folders, AccessPolicy access, ServerDisconnects serverDisconnects) {
        // HiveMQ reads its log folder from this JVM-wide property; without it, it points into its jar's folder.
        System.setProperty("hivemq.log.folder", folders.log().toString());
        EmbeddedHiveMQBuilder builder = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(folders.config())
                .withDataFolder(folders.data())
                .withExtensionsFolder(folders.extensions())
                .withoutLoggingBootstrap(); // keep CloudCut's logback configuration in charge
        // HiveMQ caps every client's in-flight window at this JVM-wide internal setting, with no
        // configuration for it; the access extension gives each client its own window under the cap.
        // Without the extension, every client keeps HiveMQ's default.
        InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES =
                access != null ? AccessExtension.BACKEND_WINDOW : AccessExtension.DEVICE_WINDOW;
        // HiveMQ's persistence keeps taking tasks for this long after its stop begins, and its stop waits
        // it out in full: 2 s of a 4.1 s stop by default. By then the listeners and every connection are
        // closed (Netty's shutdown runs first), so nothing new comes; a broker restart fault and every
        // test's broker then take 2.2 s to stop.
        InternalConfigurations.PERSISTENCE_SHUTDOWN_GRACE_PERIOD_MSEC.set(PERSISTENCE_GRACE_MILLIS);
        if (access != null) {
            builder.withEmbeddedExtension(AccessExtension.of(access, serverDisconnects));
        }
        return builder.build();
    }

    @Override
    public BrokerEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public void onServerDisconnects(Consumer<ServerDisconnect> listener) {
        serverDisconnects.listen(listener);
    }

    @Override
    public Optional<BrokerEndpoint> tlsEndpoint() {
        return Optional.ofNullable(tlsEndpoint);
    }

    @Override
    public String description() {
        return "embedded HiveMQ CE" + hiveMqVersion() + " on " + endpoint.host() + ":" + endpoint.port()
                + (tlsEndpoint == null ? "" : ", TLS on " + tlsEndpoint.port())
                + " (" + config.persistence().configName + (accessControlled ? ", identities and ACLs" : "") + ")";
    }

    @Override
    public Optional<Lifecycle> lifecycle() {
        return Optional.of(this);
    }

    /** HiveMQ CE queues a shared subscription's messages apart from its members, and hands a burst to one of them. */
    @Override
    public Optional<String> sharedSubscriptionLoss() {
        return Optional.of("on the embedded broker, shared subscriptions lost events in a reconnect storm (which read as"
                + " lost in the cloud)");
    }

    /** Whether the broker currently accepts clients. */
    public synchronized boolean isRunning() {
        return running;
    }

    /**
     * Starts a stopped broker on the same port and folders; does nothing if it runs already.
     *
     * @throws BrokerException if it is closed, its port was taken meanwhile, or HiveMQ fails to start
     */
    @Override
    public synchronized void start() throws BrokerException {
        if (closed) {
            throw new BrokerException("cannot start " + description() + ": it is closed");
        }
        if (running) {
            return;
        }
        if (!LoopbackPorts.isFree(config.bindInetAddress(), config.port())) {
            throw BrokerException.portTaken("cannot start " + description() + ": port " + config.port()
                    + " on " + config.bindAddress() + " is already in use", null);
        }
        try {
            synchronized (STARTING) {
                hivemq.start().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            forgetMetrics(); // so that a later start() is not refused for leftovers of this attempt
            String taken = portInUse();
            throw taken != null ? BrokerException.portTaken("cannot start " + description() + ": " + taken, e)
                    : new BrokerException("cannot start " + description() + ": " + rootCauseText(e)
                    + " (HiveMQ's log lines under com.hivemq say more)", e);
        } catch (TimeoutException e) {
            throw new BrokerException("cannot start " + description() + ": no result after "
                    + START_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException("interrupted while starting " + description(), e);
        }
        running = true;
        requireListenerAcceptsConnections();
    }

    /**
     * Stops the broker: every client is disconnected and the port closes. Does nothing if stopped.
     *
     * @throws BrokerException if HiveMQ fails to stop
     */
    @Override
    public synchronized void stop() throws BrokerException {
        if (!running) {
            return;
        }
        try {
            hivemq.stop().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new BrokerException("cannot stop " + description() + ": " + rootCauseText(e), e);
        } catch (TimeoutException e) {
            throw new BrokerException("cannot stop " + description() + ": no result after "
                    + STOP_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException("interrupted while stopping " + description(), e);
        }
        running = false;
        forgetMetrics();
    }

    /**
     * HiveMQ CE 2025.5 registers its metrics again on start and fails on the ones left from the
     * previous run ("metric already exists"): clearing them lets the same instance start again.
     */
    private void forgetMetrics() {
        hivemq.getMetricRegistry().removeMatching(MetricFilter.ALL);
    }

    /**
     * Which of the broker's ports is in use by another now, in words; null: neither. HiveMQ reports a
     * listener that cannot bind only as a bare UnrecoverableException (and an ERROR log line), so this
     * checks the likeliest cause, someone else taking the port since our check.
     */
    private String portInUse() {
        for (int port : new int[] {config.port(), tlsEndpoint == null ? 0 : tlsEndpoint.port()}) {
            if (port != 0 && !LoopbackPorts.isFree(config.bindInetAddress(), port)) {
                return "port " + port + " on " + config.bindAddress() + " is already in use";
            }
        }
        return null;
    }

    /**
     * Stops then starts the broker on the same port and folders; clients must reconnect. Takes
     * about 4 s, most of it HiveMQ's shutdown.
     *
     * @throws BrokerException if stopping or starting fails
     */
    @Override
    public synchronized void restart() throws BrokerException {
        stop();
        start();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            hivemq.close(); // stops it if it runs, and ends its threads
        } catch (ExecutionException | RuntimeException e) {
            LOG.warn("Closing {} failed: {}", description(), rootCauseText(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Interrupted while closing {}", description());
        }
        running = false;
        deleteQuietly(folders);
    }

    /** The temporary root of config, data, extension and log folders; deleted by {@link #close()}. */
    Path workFolder() {
        return folders.root();
    }

    private void requireListenerAcceptsConnections() throws BrokerException {
        try {
            LoopbackPorts.connect(endpoint.host(), endpoint.port(), LISTENER_CHECK_TIMEOUT_MILLIS);
        } catch (IOException e) {
            throw new BrokerException("started " + description() + " but it does not accept TCP connections: "
                    + e.getMessage() + " (HiveMQ logs: " + folders.log() + ")", e);
        }
    }

    private static void deleteQuietly(BrokerFolders folders) {
        try {
            folders.delete();
        } catch (IOException e) {
            LOG.warn("Could not delete the embedded broker's temporary folder {}: {}", folders.root(), e.toString());
        }
    }

    /** " 2025.5", or nothing where the manifest lost it (the shaded jar merges manifests). */
    private static String hiveMqVersion() {
        String version = EmbeddedHiveMQ.class.getPackage().getImplementationVersion();
        return version == null ? "" : " " + version;
    }

    static String rootCauseText(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : root.getClass().getSimpleName() + ": " + message;
    }
}
