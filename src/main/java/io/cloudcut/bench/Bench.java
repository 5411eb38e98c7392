package io.cloudcut.bench;

import io.cloudcut.broker.Broker;
import io.cloudcut.broker.BrokerException;
import io.cloudcut.broker.BrokerSettings;
import io.cloudcut.broker.Brokers;
import io.cloudcut.harness.InfrastructureException;
import io.cloudcut.harness.ProgressListener;
import io.cloudcut.harness.RunSettings;
import io.cloudcut.harness.ScenarioRunner;
import io.cloudcut.harness.Scenarios;
import io.cloudcut.harness.Waits;
import io.cloudcut.identity.Identities;
import io.cloudcut.mqtt.NativeTransport;
import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.Durations;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.scenario.ScenarioException;
import io.vertx.core.Vertx;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs the bench: first bare clients of the stack, then the fleet, in one process, one after the
 * other, so that each side has the machine to itself and both are measured on the same day, JVM
 * and broker kind.
 */
public final class Bench {

    /** The shipped scenario the fleet runs: one model, a fault-free baseline, every link cut at once, recovery. */
    public static final String SCENARIO = "scenarios/bench.yaml";
    /**
     * @param stack          the MQTT client stack, or null for the bench model's own
     * @param externalBroker a {@code tcp://host:port} URI, or null for the embedded broker
     * @param trafficWindow  how long the bare clients publish after their warm-up
     * @param oneProxyPort   the devices' links share one port of the fault proxy (one open file less a device)
     */
    public record Settings(int devices, String stack, String externalBroker, Path projectDir, Duration trafficWindow,
                           boolean oneProxyPort) {
    }

    private Bench() {
    }

    /** The bench scenario sized and stacked as asked; bad input throws before anything starts. */
    public static Scenario scenario(Settings settings) throws ScenarioException {
        if (settings.devices() < 1) {
            throw new IllegalArgumentException("--devices must be at least 1");
        }
        if (settings.trafficWindow().toMillis() < 1000) {
            throw new IllegalArgumentException("--traffic-window must be at least 1s, not " + Durations.format(settings.trafficWindow()));
        }
        Scenario scenario = Scenarios.loader(settings.projectDir()).load(settings.projectDir().resolve(SCENARIO));
        if (scenario.models().size() != 1) {
            throw new IllegalArgumentException(SCENARIO + " must run one model, not " + scenario.models().size());
        }
        scenario = scenario.withDevicesPerModel(settings.devices());
        if (settings.stack() != null) {
            scenario = scenario.withClient(settings.stack());
        }
        ScenarioRunner.check(scenario, runSettings(settings, ProgressListener.SILENT));
        return scenario;
    }

    public static BenchResult run(Settings settings, Scenario scenario, ProgressListener watcher) throws InfrastructureException {
        DeviceModel model = scenario.models().values().iterator().next();
        // The bare clients publish at the rate the fleet's baseline, where its throughput is measured, goes at.
        double runScale = ScenarioRunner.runScale(scenario);
        double scale = ScenarioRunner.firstPhaseScale(scenario);
        double eventsPerSecondEach = scale / (model.statusEvery().toMillis() / 1000.0);
        boolean onePort = linksOnOneProxyPort(settings, scenario);
        BareFigures bare = bare(settings, model, onePort, eventsPerSecondEach, watcher);
        FleetFigures fleet = FleetRun.measure(scenario, runSettings(settings, watcher), watcher);
        return new BenchResult(String.format(java.util.Locale.ROOT,
                "%d devices of %s on %s, %s broker, %s, time scale %sx%s: a status report every %s of scenario time, %.2f per real second each",
                settings.devices(), model.id(), model.client(), settings.externalBroker() == null ? "the embedded" : settings.externalBroker(),
                onePort == settings.oneProxyPort() ? (onePort ? "links on one proxy port" : "a proxy port a link")
                        : "links on one proxy port (a port a link would not fit the open-file limit)", Durations.number(scale),
                scale == runScale ? "" : " in the baseline (the run's " + Durations.number(runScale) + "x, held there by its probe rounds)",
                Durations.format(model.statusEvery()), eventsPerSecondEach), scale,
                ScenarioRunner.messagesCarriedPerSecond(scenario), bare, fleet);
    }

    /**
     * Whether the bare clients' links through the proxy share one port: where the fleet's will be, on one port when
     * asked or when a port a link would not fit the open-file limit (4,500 bare clients on a port each ran out of
     * open files in their first round through the proxy).
     */
    static boolean linksOnOneProxyPort(Settings settings, Scenario scenario) {
        return ScenarioRunner.linksOnOneProxyPort(scenario, runSettings(settings, ProgressListener.SILENT));
    }

    private static BareFigures bare(Settings settings, DeviceModel model, boolean onePort, double eventsPerSecondEach,
                                    ProgressListener watcher)
            throws InfrastructureException {
        watcher.starting(settings.devices() + " bare " + model.client() + " clients, connecting " + BareClients.CONNECT_ROUNDS
                + " times through the fault proxy and straight to the broker in turn, then publishing for "
                + Durations.format(settings.trafficWindow()) + " at the fleet's pace, then as fast as the broker acknowledges");
        Vertx vertx = Vertx.vertx(NativeTransport.vertxOptions());
        // The same footing as the fleet's devices: each client logs in and is held to its own topics.
        Identities identities = Identities.generate();
        try (Broker broker = Brokers.start(new BrokerSettings(settings.externalBroker(),
                settings.externalBroker() == null ? 0 : null, settings.projectDir().resolve("broker-config")), identities)) {
            return new BareClients(vertx, broker.endpoint(), model.client(), model, identities, onePort)
                    .measure(settings.devices(), eventsPerSecondEach, settings.trafficWindow(), watcher);
        } catch (BrokerException broken) {
            throw new InfrastructureException("the bare clients' broker: " + broken.getMessage(), broken);
        } finally {
            Waits.await(vertx.close(), "closing the bare clients' Vert.x");
        }
    }

    private static RunSettings runSettings(Settings settings, ProgressListener watcher) {
        RunSettings run = new RunSettings(settings.externalBroker(), settings.externalBroker() == null ? 0 : null,
                settings.projectDir().resolve("broker-config"), Duration.ofMinutes(3), watcher);
        return settings.oneProxyPort() ? run.onOneProxyPort() : run;
    }
}
