package io.cloudcut.harness;

import io.cloudcut.broker.Broker;
import io.cloudcut.broker.BrokerClosing;
import io.cloudcut.broker.BrokerEndpoint;
import io.cloudcut.broker.BrokerException;
import io.cloudcut.broker.BrokerSettings;
import io.cloudcut.broker.BrokerTls;
import io.cloudcut.broker.Brokers;
import io.cloudcut.mqtt.MqttStacks;
import io.cloudcut.mqtt.NativeTransport;
import io.cloudcut.mqtt.StuckConnects;
import io.cloudcut.trust.ClientTls;
import io.cloudcut.trust.RunCertificates;
import io.cloudcut.trust.TransportSecurity;
import io.cloudcut.cloud.Cloud;
import io.cloudcut.cloud.CloudControl;
import io.cloudcut.cluster.ClusterNode;
import io.cloudcut.dashboard.mqtt.DeviceConventions;
import io.cloudcut.dashboard.mqtt.StatusPublisher;
import io.cloudcut.fault.FaultProxy;
import io.cloudcut.identity.Identities;
import io.cloudcut.observation.HealthObserved;
import io.cloudcut.observation.RunEndedObserved;
import io.cloudcut.observation.RunStartedObserved;
import io.cloudcut.scenario.CloudSpec;
import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.Durations;
import io.cloudcut.scenario.Phase;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.scenario.ScenarioClock;
import io.cloudcut.scenario.TimeScale;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs one scenario end to end on real parts: starts the broker, the cloud services, the fault proxy
 * and the fleet; waits until every device is connected with a session; starts the scenario clock
 * at zero; plays the timeline; and returns everything observed, the harness's own health included.
 * Blocking: call it from a plain thread, never an event loop.
 */
public final class ScenarioRunner {

    /** Real time a device may add to the fleet's start: 6 minutes for 18,000. */
    static final Duration START_PER_DEVICE = Duration.ofMillis(20);

    /** How often, in real time, a watcher is told where the run stands ({@link ProgressListener#status}). */
    public static final Duration STATUS_EVERY = Duration.ofMillis(500);
    /**
     * How many more times a run at {@code auto} runs from the start, each at half the scale before, when its baseline
     * was refused for the harness's load ({@link HealthCheck#refusedForLoad}): {@code auto} picks its scale from the
     * messages a fleet sends, and a client stack or TLS that costs more a message than the Vert.x stack in plain TCP
     * is measured only by the run (1,000 devices on the HiveMQ v5 stack over mutual TLS: event loops 205 ms late at
     * auto's 1023x, healthy at 500x).
     */
    static final int AUTO_RUNS_AGAIN = 2;

    private static final Duration CLOSE_LIMIT = Duration.ofSeconds(30);

    private final RunSettings settings;
    /** Told of the fault proxy of a fleet in this process once its links are open: a seam for tests. */
    private final Consumer<FaultProxy> proxyOpened;

    public ScenarioRunner(RunSettings settings) {
        this(settings, proxy -> {
        });
    }

    ScenarioRunner(RunSettings settings, Consumer<FaultProxy> proxyOpened) {
        this.settings = settings;
        this.proxyOpened = proxyOpened;
    }

    /**
     * Runs the scenario and returns what it observed. At {@code auto}, a run whose baseline was refused for the
     * harness's load runs again from the start at half the scale, at most {@link #AUTO_RUNS_AGAIN} times; the result
     * is the last run's.
     *
     * @throws IllegalArgumentException when {@link #check} refuses the scenario
     */
    public RunResult run(Scenario scenario) throws InfrastructureException {
        RunResult result = runOnce(scenario);
        for (int again = 1; again <= AUTO_RUNS_AGAIN && scenario.timeScale().auto(); again++) {
            Optional<HealthObserved> refused = result.health(HealthObserved.Window.BASELINE).filter(HealthCheck::refusedForLoad);
            double refusedAt = runScale(scenario, settings);
            double slower = Math.floor(refusedAt / 2);
            if (refused.isEmpty() || slower < 1) {
                break;
            }
            settings.progress().runningAgain(refusedAt, refused.get(), slower);
            scenario = runAgainAt(scenario, slower);
            result = runOnce(scenario);
        }
        return result;
    }

    /** {@code scenario} as a run refused for the harness's load runs it again: at {@code auto}, at most {@code slower}. */
    public static Scenario runAgainAt(Scenario scenario, double slower) {
        return scenario.withTimeScale(TimeScale.autoAtMost(slower));
    }

    private RunResult runOnce(Scenario scenario) throws InfrastructureException {
        check(scenario, settings);
        Capacity capacity = Capacity.of(scenario, settings.workers());
        double runScale = runScale(scenario, capacity);
        long startedNanos = System.nanoTime();
        StuckConnects stuckBefore = MqttStacks.stuckConnects();
        ProgressListener progress = settings.progress();
        progress.starting("broker");
        Identities identities = settings.identities() != null ? settings.identities() : Identities.generate();
        // How the harness's own clients and the proxy reach an external broker over TLS; null: the embedded
        // broker's plain listener (or plain TCP).
        ClientTls brokerClient = settings.brokerTrust() == null ? null : settings.brokerTrust().clientTls();
        try (RunCertificates certificates = settings.security().encrypted() ? RunCertificates.generate() : null;
             // The result is complete before the broker is closed: whoever runs next need not wait for its close.
             BrokerClosing.Held held = BrokerClosing.hold(startBroker(identities, scenario, certificates));
             ScenarioClock clock = ScenarioClock.stopped()) {
            Broker broker = held.broker();
            Vertx vertx = settings.clustered()
                    ? Waits.await(ClusterNode.join(settings.cluster(), true), "joining the cluster at " + settings.cluster().members())
                    : Vertx.vertx(NativeTransport.vertxOptions());
            DeviceHost host = null;
            ExternalDevices external = new ExternalDevices(vertx, scenario.external());
            Pacer pacer = null;
            StatusPublisher dashboards = null;
            Throwable failed = null;
            try {
                BrokerEndpoint endpoint = broker.endpoint();
                ObservationLog log = new ObservationLog();
                log.watch(progress::observed);
                // First, so that the stream says what its other observations are about; workers send only theirs.
                log.add(RunStartedObserved.of(scenario, broker.description()));
                log.listen(vertx);
                HarnessMonitor monitor = HarnessMonitor.start(vertx, clock);
                progress.starting(broker.description());
                ClientTls proxyToBroker = brokerClient != null ? brokerClient
                        : certificates == null ? null : certificates.proxyClient();
                awaitTlsHandshake(broker, proxyToBroker);
                progress.brokerStarted(endpoint);
                progress.starting(describeCloud(scenario.cloud(), broker.sharedSubscriptionLoss()));
                CloudControl cloud = Waits.await(Cloud.deploy(vertx, scenario.cloud(), endpoint.host(), endpoint.port(),
                                brokerClient, clock, identities::cloudService),
                        "the cloud services could not connect to the broker");
                progress.cloudStarted();
                host = deviceHost(vertx, log, certificates, proxyToBroker, scenario, monitor);
                Fleet fleet = new Fleet(scenario, host, external);
                FleetReadiness readiness = new FleetReadiness(log, fleet.emulated().stream().map(DeviceRef::id).collect(Collectors.toSet()),
                        devices -> {
                            progress.signInAskedAgain(devices, FleetReadiness.ASK_AGAIN_AFTER);
                            fleet.askToSignInAgain(devices);
                        }, FleetReadiness.ASK_AGAIN_AFTER);
                CloudReceipts receipts = CloudReceipts.watching(log);
                ConnectCapacity connectCapacity = ConnectCapacity.watching(scenario, log);
                FaultedConnections faultedConnections = new FaultedConnections();
                UnfaultedLosses unfaultedLosses = UnfaultedLosses.watching(scenario,
                        fleet.emulated().stream().map(DeviceRef::id).collect(Collectors.toSet()), faultedConnections, log);
                broker.onServerDisconnects(unfaultedLosses::brokerDisconnected);
                // Before the status publisher connects: its grants cover the fleet's dashboard topics.
                fleet.devices().forEach(device -> identities.enrol(device.id(), device.model()));
                StatusWatch status = new StatusWatch(fleet.devicesByModel());
                log.watch(status);
                StatusPublisher publisher = Waits.await(StatusPublisher.connect(endpoint.host(), endpoint.port(),
                                identities.statusPublisher(), brokerClient),
                        "the harness's status publisher could not connect to the broker");
                dashboards = publisher;
                long statusTimer = vertx.setPeriodic(STATUS_EVERY.toMillis(), tick -> {
                    RunStatus now = status.at(clock.now());
                    progress.status(now);
                    publisher.show(now.phase(), now.faults(), now.connectedByModel(), now.recovered(), now.healthy());
                });
                progress.starting(fleet.devices().size() + " devices" + describe(host));
                long deployedFromNanos = System.nanoTime();
                Waits.await(external.listenForPaces(endpoint),
                        "the harness could not read the external devices' sign-ins");
                // Devices reach the TLS listener when there is one; the cloud and the harness stay on the plain one.
                Waits.await(fleet.deploy(broker.tlsEndpoint().orElse(endpoint), clock, identities::device),
                        "the devices could not start", startLimit(fleet));
                awaitFleetReady(fleet, readiness, connectCapacity, deployedFromNanos);
                PhoneApp app = new PhoneApp(vertx, clock, identities.phoneApp(), brokerClient, fleet.stateTopics());
                Waits.await(app.connect(endpoint.host(), endpoint.port()), "the phone app could not connect to the broker");
                Prober prober = new Prober(fleet, app, clock, monitor::stalledMillis);
                ExternalReadiness.await(fleet, prober, scenario.probe().timeout(), settings.startupTimeout());
                external.checkPaces();

                pacer = new Pacer(vertx, clock, log, cloud::furthestBehindMillis);
                connectCapacity.tellConnects(pacer::connectTook);
                unfaultedLosses.tellLosses(pacer::connectSlow);
                pacer.watchBroker(host::brokerWaits, shortestConnectTimeout(scenario));
                progress.clockChosen(describePace(scenario, runScale, capacity));
                HarnessHealth health = new HarnessHealth(monitor, host, cloud, clock, runScale,
                        tightestConnection(scenario));
                Timeline timeline = new Timeline(scenario, vertx, fleet, readiness, log, clock, progress,
                        new FaultInjector(cloud, new BrokerFaults(vertx, broker, clock, log, pacer),
                                new CertificateFaults(certificates, host), fleet, faultedConnections, log,
                                clock),
                        prober, pacer, health, runScale, capacity);
                boolean interrupted = playUnlessInterrupted(timeline);
                HealthObserved runHealth = health.judge(HealthObserved.Window.RUN, timeline.clockStartedNanos(), 0, 0,
                        Stream.of(connectCapacity.problem(), unfaultedLosses.problem(), pacer.problem())
                                .flatMap(Optional::stream).toList());
                log.add(runHealth);
                progress.healthChecked(runHealth);

                Waits.await(fleet.undeploy(), "the devices could not stop");
                StuckConnects stuck = MqttStacks.stuckConnectsOnceSettled().since(stuckBefore);
                if (!stuck.isEmpty()) {
                    progress.connectsStuck(stuck);
                    if (host.inThisProcess()) {
                        ConnectsStuck.observed(stuck, fleet.emulated().stream()
                                        .collect(Collectors.toMap(DeviceRef::id, device -> device.model().id())), clock.nowMillis())
                                .forEach(log::add);
                    }
                }
                vertx.cancelTimer(statusTimer);
                Waits.await(publisher.finish(fleet.devices().stream()
                                .map(device -> DeviceConventions.of(device.id(), device.model())).toList(),
                        settings.keepDiscovery()), "clearing the devices' retained dashboard topics");
                receipts.record(cloud, clock);
                Waits.await(app.close(), "the phone app could not disconnect");
                monitor.stop();
                log.stopListening();
                progress.finished();
                log.add(new RunEndedObserved(clock.nowMillis(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos),
                        interrupted));
                return new RunResult(log.folded());
            } catch (Throwable failure) {
                failed = failure;
                throw failure;
            } finally {
                if (pacer != null) {
                    pacer.close();
                }
                if (dashboards != null) {
                    dashboards.close();
                }
                if (host != null) {
                    host.close();
                }
                external.close();
                awaitClosed(vertx.close(), CLOSE_LIMIT, failed);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("interrupted", interrupted);
        }
    }

    /**
     * Waits for the run's Vert.x to close, up to {@code limit}. When the run itself failed, a close
     * that fails too is kept with that failure, not in its place: the first thing that went wrong is
     * what the user is told (an 18,000-device run said only "could not shut down cleanly: null").
     */
    static void awaitClosed(Future<Void> closing, Duration limit, Throwable runFailure)
            throws InfrastructureException, InterruptedException {
        try {
            closing.toCompletionStage().toCompletableFuture().get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException stuck) {
            InfrastructureException notClosed = new InfrastructureException("could not shut down cleanly: "
                    + (stuck instanceof TimeoutException ? "Vert.x did not close within " + Durations.format(limit)
                    : stuck.getCause().getMessage()), stuck);
            if (runFailure == null) {
                throw notClosed;
            }
            runFailure.addSuppressed(notClosed);
        }
    }

    /**
     * What makes a scenario impossible to run with these settings, found before anything starts: broker
     * faults on an external broker, external devices on another clock than the run's, a fleet beyond
     * the open-file limit (with one shared proxy port,
     * which a fleet that needs it gets by itself), or a time scale whose traffic
     * this machine cannot carry (it would be measured wrong).
     */
    public static void check(Scenario scenario, RunSettings settings) {
        if (scenario.hasBrokerFaults() && settings.externalBroker() != null) {
            throw new IllegalArgumentException("scenario " + scenario.name()
                    + " stops or restarts the broker, which only the embedded broker allows (drop --broker)");
        }
        RunTls.check(scenario, settings);
        DescriptorBudget.check(scenario, settings.externalBroker() == null, settings.workers());
        checkAsWritten(scenario);
    }

    /**
     * What makes a scenario, on its own time scale and fleet, impossible to run whatever broker, transport or
     * processes it is given: external devices on another clock than the run's, or a time scale whose traffic
     * this machine cannot carry. {@code validate} checks it without running anything.
     */
    public static void checkAsWritten(Scenario scenario) {
        ExternalClocks.check(scenario);
        Traffic traffic = Traffic.of(scenario);
        double carried = traffic.fastestCarriedScale();
        List<Double> asked = new ArrayList<>();
        if (!scenario.timeScale().auto()) {
            asked.add(scenario.timeScale().value());
        }
        scenario.phases().stream().map(Phase::timeScale).filter(Objects::nonNull).forEach(asked::add);
        for (double scale : asked) {
            if (scale > carried && traffic.perRealSecond(scale) > traffic.capacity().messagesPerSecond()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "at %sx, %d devices would send about "
                                + "%,.0f MQTT messages per real second (%,.0f per scenario hour), over the %,.0f this "
                                + "machine carries on its %d cores with the harness in one process; the figures would be "
                                + "the harness's, not the devices': use --time-scale %s or less, --time-scale auto, or a smaller fleet",
                        Durations.number(scale), scenario.deviceCount(), traffic.perRealSecond(scale),
                        traffic.perScenarioHour(), traffic.capacity().messagesPerSecond(), Capacity.CORES, Durations.number(carried)));
            }
        }
    }

    /** The shortest time-out a model of the fleet gives a connect: a connect is slow for the pacer by it. */
    private static Duration shortestConnectTimeout(Scenario scenario) {
        return scenario.fleet().stream().map(entry -> scenario.models().get(entry.model()).connectTimeout())
                .min(Comparator.naturalOrder()).orElse(Duration.ofSeconds(1));
    }

    /** The fleet's model whose connection survives the shortest stall of the harness: its stalls are judged by it. */
    private static DeviceModel tightestConnection(Scenario scenario) {
        return scenario.fleet().stream().map(entry -> scenario.models().get(entry.model()))
                .min(Comparator.comparing(HealthCheck::connectionMargin)).orElse(null);
    }

    /**
     * The scale between transitions with the devices in this process: the scenario's, or with auto the fastest
     * whose traffic this machine carries. Known before the run starts, so that what races it can be told first.
     */
    public static double runScale(Scenario scenario) {
        return runScale(scenario, Capacity.of(scenario, 0));
    }

    /** {@link #runScale(Scenario)} where {@code settings} run the devices: on workers, auto carries less. */
    public static double runScale(Scenario scenario, RunSettings settings) {
        return runScale(scenario, Capacity.of(scenario, settings.workers()));
    }

    private static double runScale(Scenario scenario, Capacity capacity) {
        TimeScale asked = scenario.timeScale();
        double auto = Traffic.of(scenario, capacity).autoScale();
        return !asked.auto() ? asked.value() : asked.value() > 0 ? Math.min(asked.value(), auto) : auto;
    }

    /** The MQTT messages a real second this machine carries with {@code scenario}'s fleet in one process, which {@code auto} keeps it under. */
    public static double messagesCarriedPerSecond(Scenario scenario) {
        return Capacity.of(scenario, 0).messagesPerSecond();
    }

    /** The scale the first phase (a baseline, usually) goes at: the run's, held to what its probe rounds allow. */
    public static double firstPhaseScale(Scenario scenario) {
        return Traffic.phaseScale(scenario, scenario.phases().get(0), runScale(scenario), Capacity.of(scenario, 0));
    }

    private static String describePace(Scenario scenario, double runScale, Capacity capacity) {
        Traffic traffic = Traffic.of(scenario, capacity);
        return String.format(Locale.ROOT, "time scale %sx%s: %d devices send about %,.0f MQTT messages per scenario "
                        + "hour, %,.0f per real second at this scale (this machine carries about %,.0f on %d cores); real time for "
                        + "%s after link faults that only a time-out reveals (%s after other transitions), then up to %sx",
                Durations.number(runScale),
                scenario.timeScale().auto() ? " (auto)" : "", scenario.deviceCount(), traffic.perScenarioHour(),
                traffic.perRealSecond(runScale), capacity.messagesPerSecond(), Capacity.CORES,
                Durations.format(Pacer.detectionWindow(scenario)), Durations.format(Pacer.SHORT_WINDOW),
                Durations.number(runScale)) + (scenario.timeScale().auto() && traffic.slowShare() < 1
                ? String.format(Locale.ROOT, "; auto at %.0f%% of what this machine carries, so that the baseline can tell "
                + "a slow service's %s apart", 100 * traffic.slowShare(), Durations.format(traffic.leastSlow())) : "");
    }

    /**
     * Whether the links of a fleet in this process share one proxy port: when the settings ask for it, or when a port
     * a link would not fit the open-file limit.
     */
    public static boolean linksOnOneProxyPort(Scenario scenario, RunSettings settings) {
        return DescriptorBudget.sharedPort(scenario, settings.externalBroker() == null, settings.sharedProxyPort());
    }

    /** The devices here, or on the first idle workers to answer the roll call. */
    private DeviceHost deviceHost(Vertx vertx, ObservationLog log, RunCertificates certificates, ClientTls proxyToBroker,
                                  Scenario scenario, HarnessMonitor monitor) throws InfrastructureException {
        if (!settings.clustered()) {
            return new LocalDevices(vertx, certificates == null && proxyToBroker == null ? null
                    : new FleetTls(certificates, settings.security() == TransportSecurity.MUTUAL_TLS, proxyToBroker),
                    linksOnOneProxyPort(scenario, settings), log, proxy -> {
                        monitor.watch(proxy.eventLoops());
                        proxyOpened.accept(proxy);
                    });
        }
        settings.progress().starting("roll call: " + settings.workers() + " workers");
        return Waits.await(WorkerDevices.rollCall(vertx, log, settings.workers(), settings.startupTimeout(),
                        new WorkerTls(certificates, settings.security() == TransportSecurity.MUTUAL_TLS, settings.brokerTrust()),
                        WorkerDevices.sharedPort(scenario.deviceCount() - scenario.external().size(), settings.sharedProxyPort())),
                "finding the workers", settings.startupTimeout().plusSeconds(5));
    }

    private static String describe(DeviceHost host) {
        if (host instanceof WorkerDevices workers) {
            return " on workers " + String.join(", ", workers.members().stream().map(WorkerDevices.Member::name).toList())
                    + (workers.onSharedPort() ? ", through one proxy port each, their links told apart by client id" : "");
        }
        if (host instanceof LocalDevices local && local.onSharedPort()) {
            return " through one proxy port, their links told apart by client id";
        }
        return "";
    }

    /**
     * The broker's TLS listener, if any, completes a handshake with the proxy's certificate, as every
     * link will: a listener that cannot is a clear error here rather than a fleet that never connects.
     */
    private void awaitTlsHandshake(Broker broker, ClientTls proxyToBroker) throws InfrastructureException {
        if (broker.tlsEndpoint().isEmpty()) {
            return;
        }
        BrokerEndpoint tls = broker.tlsEndpoint().get();
        try {
            proxyToBroker.handshake(tls.host(), tls.port(), (int) settings.startupTimeout().toMillis());
        } catch (IOException failed) {
            throw new InfrastructureException("the broker's TLS listener on " + tls.port() + " refused a handshake: "
                    + failed.getMessage(), failed);
        }
    }

    /**
     * The run's broker, admitting only the run's identities unless the run asked for an open broker,
     * or its scenario has external devices: processes CloudCut does not run cannot know this run's
     * passwords. With {@code certificates}, it gets a TLS listener, which requires client
     * certificates for mutual TLS.
     */
    private Broker startBroker(Identities identities, Scenario scenario, RunCertificates certificates)
            throws InfrastructureException {
        BrokerSettings brokerSettings = settings.externalBroker() != null
                ? BrokerSettings.external(settings.externalBroker())
                : new BrokerSettings(null, settings.brokerPort(), settings.brokerConfigDir());
        BrokerTls tls = certificates == null || settings.externalBroker() != null ? null : new BrokerTls(certificates.brokerKeyStore(),
                settings.security() == TransportSecurity.MUTUAL_TLS ? certificates.caTrustStore() : null);
        boolean open = settings.openBroker() || !scenario.external().isEmpty();
        if (open && !settings.openBroker()) {
            settings.progress().starting("an open broker (no identities or ACLs): the scenario's external devices"
                    + " cannot know this run's passwords");
        }
        try {
            return Brokers.start(brokerSettings, open ? null : identities, tls);
        } catch (BrokerException failed) {
            throw new InfrastructureException("broker: " + failed.getMessage(), failed);
        }
    }

    /**
     * Plays the timeline; an interrupt (Ctrl-C or SIGTERM, through the command's shutdown hook) stops
     * it where it stands, and the run then ends as any run does (devices stopped, what the cloud
     * received recorded), so that what it observed until then makes a report.
     *
     * @return whether the timeline was interrupted
     */
    private static boolean playUnlessInterrupted(Timeline timeline) throws InfrastructureException {
        try {
            timeline.play();
            return false;
        } catch (InfrastructureException failed) {
            if (Thread.interrupted()) {
                return true;
            }
            throw failed;
        }
    }

    /**
     * How long the fleet may take to start, then to connect and sign in: the run's startup timeout, and
     * {@link #START_PER_DEVICE} more a device. 18,000 devices on four workers beside Mosquitto and a
     * test suite on two cores started at 160 a second and connected at 45 a second, far past a flat minute.
     */
    private Duration startLimit(Fleet fleet) {
        return startLimit(settings.startupTimeout(), fleet.devices().size());
    }

    static Duration startLimit(Duration startupTimeout, int devices) {
        return startupTimeout.plus(START_PER_DEVICE.multipliedBy(devices));
    }

    /** Every device must be connected and hold a session before the baseline means anything. */
    private void awaitFleetReady(Fleet fleet, FleetReadiness readiness, ConnectCapacity connectCapacity, long deployedFromNanos)
            throws InfrastructureException {
        Duration limit = startLimit(fleet);
        long deadline = System.nanoTime() + limit.toNanos();
        while (!readiness.allConnected() && System.nanoTime() < deadline) {
            Waits.pause(Duration.ofMillis(20));
        }
        Duration connectedIn = Duration.ofNanos(System.nanoTime() - deployedFromNanos);
        readiness.awaitReady(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())),
                "within " + Durations.format(limit) + " of starting them");
        if (connectCapacity.ranOutInTheStart() > 0) {
            settings.progress().startSlowed(connectCapacity.ranOutInTheStart());
        }
        settings.progress().fleetReady(fleet.devices().size(), connectedIn,
                Duration.ofNanos(System.nanoTime() - deployedFromNanos));
    }

    /**
     * The services a run starts, each with its connections when it has several; with the embedded broker,
     * a warning: there, a 3,000-device reconnect storm with four connections a service lost 366 of 60,908
     * events in the cloud, where one connection lost none. HiveMQ CE queues a shared subscription's
     * messages apart from its subscribers, under {@code max-queued-messages} (1,000 in
     * {@code broker-config/embedded.yaml}), not under the wider queue the cloud's own clients get: the
     * likely cause.
     */
    /** @param sharedSubscriptionLoss the broker's, if a service's connections sharing its subscriptions may lose messages there */
    static String describeCloud(CloudSpec cloud, Optional<String> sharedSubscriptionLoss) {
        List<String> services = new ArrayList<>();
        new TreeMap<>(cloud.services()).forEach((name, service) -> services.add(service.connections() == 1 ? name
                : name + " (" + service.connections() + " connections sharing its subscriptions)"));
        boolean shared = cloud.services().values().stream().anyMatch(service -> service.connections() > 1);
        return "cloud services: " + String.join(", ", services) + (shared && sharedSubscriptionLoss.isPresent()
                ? "; warning: " + sharedSubscriptionLoss.get() + ": use one connection a service, or an external broker" : "");
    }
}
