package io.cloudcut.harness;

import io.cloudcut.broker.Broker;
import io.cloudcut.broker.BrokerEndpoint;
import io.cloudcut.broker.BrokerException;
import io.cloudcut.broker.BrokerSettings;
import io.cloudcut.broker.Brokers;
import io.cloudcut.cloud.Cloud;
import io.cloudcut.cloud.CloudControl;
import io.cloudcut.fault.FaultProxy;
import io.cloudcut.observation.CloudReceivedObserved;
import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.SessionObserved;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.scenario.ScenarioClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one scenario end to end on real parts: starts the broker, the cloud services, the fault proxy
 * and the fleet; waits until every device is connected with a session; plays the timeline; and
 * returns everything observed. Blocking: call it from a plain thread, never an event loop.
 */
public final class ScenarioRunner {

    private final RunSettings settings;

    public ScenarioRunner(RunSettings settings) {
        this.settings = settings;
    }

    /**
     * @throws IllegalArgumentException when the scenario stops or restarts the broker but the run is
     *                                  on an external one, which CloudCut cannot stop, or when the
     *                                  fleet would not fit the process's open-file limit
     */
    public RunResult run(Scenario scenario) throws InfrastructureException {
        check(scenario, settings);
        long startedNanos = System.nanoTime();
        ProgressListener progress = settings.progress();
        progress.starting("broker");
        try (Broker broker = startBroker()) {
            Vertx vertx = Vertx.vertx();
            FaultProxy proxy = null;
            try {
                BrokerEndpoint endpoint = broker.endpoint();
                ObservationLog log = new ObservationLog();
                log.listen(vertx);
                progress.starting(broker.description());
                ScenarioClock setupClock = ScenarioClock.startingNow(scenario.timeScale());
                progress.starting("cloud services: " + String.join(", ", scenario.cloud().services().keySet()));
                CloudControl cloud = await(Cloud.deploy(vertx, scenario.cloud(), endpoint.host(), endpoint.port(), setupClock),
                        "the cloud services could not connect to the broker");
                proxy = FaultProxy.create(endpoint.host(), endpoint.port());
                Fleet fleet = new Fleet(scenario);
                progress.starting(fleet.devices().size() + " devices");
                await(fleet.deploy(vertx, proxy, setupClock), "the devices could not start");
                awaitFleetReady(fleet, log);
                PhoneApp app = new PhoneApp(vertx);
                await(app.connect(endpoint.host(), endpoint.port()), "the phone app could not connect to the broker");

                Timeline timeline = new Timeline(scenario, vertx, fleet, log, setupClock, progress,
                        new FaultInjector(proxy, cloud, new BrokerFaults(vertx, broker, setupClock, log), fleet, log,
                                setupClock),
                        new Prober(vertx, app, setupClock));
                timeline.play();

                await(fleet.undeploy(vertx), "the devices could not stop");
                recordWhatTheCloudReceived(cloud, log, setupClock);
                await(app.close(), "the phone app could not disconnect");
                log.stopListening();
                progress.finished();
                return new RunResult(scenario, broker.description(), Duration.ofNanos(System.nanoTime() - startedNanos),
                        log.snapshot());
            } finally {
                if (proxy != null) {
                    proxy.close();
                }
                vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("interrupted", interrupted);
        } catch (ExecutionException | TimeoutException stuck) {
            throw new InfrastructureException("could not shut down cleanly: " + stuck.getMessage(), stuck);
        }
    }

    /** What makes a scenario impossible to run with these settings, found before anything starts. */
    public static void check(Scenario scenario, RunSettings settings) {
        if (scenario.hasBrokerFaults() && settings.externalBroker() != null) {
            throw new IllegalArgumentException("scenario " + scenario.name()
                    + " stops or restarts the broker, which only the embedded broker allows (drop --broker)");
        }
        DescriptorBudget.check(scenario, settings.externalBroker() == null);
    }

    private Broker startBroker() throws InfrastructureException {
        BrokerSettings brokerSettings = settings.externalBroker() != null
                ? BrokerSettings.external(settings.externalBroker())
                : new BrokerSettings(null, settings.brokerPort(), settings.brokerConfigDir());
        try {
            return Brokers.start(brokerSettings);
        } catch (BrokerException failed) {
            throw new InfrastructureException("broker: " + failed.getMessage(), failed);
        }
    }

    /** The other side of every device's event account: what ingest received, once the devices have stopped. */
    private static void recordWhatTheCloudReceived(CloudControl cloud, ObservationLog log, ScenarioClock clock)
            throws InfrastructureException {
        long at = clock.now().toMillis();
        await(cloud.receivedByIngest(), "asking ingest what it received").forEach((device, counts) -> log.add(
                new CloudReceivedObserved(at, device, counts.getLong("unique"), counts.getLong("duplicates"),
                        counts.getLong("reordered"))));
    }

    /** Every device must be connected and hold a session before the baseline means anything. */
    private void awaitFleetReady(Fleet fleet, ObservationLog log) throws InfrastructureException {
        long deadline = System.nanoTime() + settings.startupTimeout().toNanos();
        Set<String> connected = new HashSet<>();
        Set<String> withSession = new HashSet<>();
        int seen = 0;
        while (System.nanoTime() < deadline) {
            for (var observation : log.since(seen)) {
                seen++;
                if (observation instanceof ConnectionObserved up && ConnectionObserved.UP.equals(up.change())) {
                    connected.add(up.device());
                } else if (observation instanceof SessionObserved session && "acquired".equals(session.change())) {
                    withSession.add(session.device());
                }
            }
            if (connected.size() == fleet.devices().size() && withSession.size() == fleet.devices().size()) {
                return;
            }
            Waits.pause(Duration.ofMillis(20));
        }
        throw new InfrastructureException("devices not ready within " + settings.startupTimeout().toSeconds() + " s: "
                + connected.size() + "/" + fleet.devices().size() + " connected, " + withSession.size() + " with a session");
    }

    static <T> T await(Future<T> future, String whatFailed) throws InfrastructureException {
        try {
            return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            throw new InfrastructureException(whatFailed + ": " + failed.getCause().getMessage(), failed.getCause());
        } catch (TimeoutException slow) {
            throw new InfrastructureException(whatFailed + ": no answer within 60 s", slow);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException(whatFailed + ": interrupted", interrupted);
        }
    }
}
