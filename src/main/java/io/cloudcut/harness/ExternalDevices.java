package io.cloudcut.harness;

import io.cloudcut.broker.BrokerEndpoint;
import io.cloudcut.fault.FaultProxy;
import io.cloudcut.observation.ProbeOutcome;
import io.cloudcut.scenario.ExternalDevice;
import io.cloudcut.scenario.FaultSpec;
import io.cloudcut.observation.ObservationBus;
import io.cloudcut.scenario.ExternalProbe;
import io.cloudcut.scenario.HttpProbe;
import io.cloudcut.scenario.ScenarioClock;
import io.cloudcut.scenario.StateProbe;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The devices of a run that CloudCut does not run: each reaches the broker through a link of a fault
 * proxy of this process on its own fixed loopback port, under its own client id, and its functions
 * started on the device are exercised by its {@link HttpProbe}s or, on its home network's broker, its
 * {@link io.cloudcut.scenario.MqttProbe}s. What it does inside is not seen: its connections are what
 * its link shows ({@link ConnectionsSeenByTheProxy}), and so is its status.
 */
final class ExternalDevices {

    private final Vertx vertx;
    private final Map<String, ExternalDevice> devices = new LinkedHashMap<>();
    private HttpClient http;
    private LocalMqttProbes localMqtt;
    private FaultProxy proxy;
    private AnnouncedPaces paces;

    ExternalDevices(Vertx vertx, List<ExternalDevice> devices) {
        this.vertx = vertx;
        devices.forEach(device -> this.devices.put(device.id(), device));
    }

    boolean has(String deviceId) {
        return devices.containsKey(deviceId);
    }

    private String modelOf(String deviceId) {
        ExternalDevice device = devices.get(deviceId);
        return device == null ? null : device.model();
    }

    /**
     * Opens every external device's link, on its listen port, to {@code broker}, and connects to the home
     * networks' brokers their MQTT probes name; nothing when there are none.
     */
    Future<Void> open(BrokerEndpoint broker, ScenarioClock clock) {
        if (devices.isEmpty()) {
            return Future.succeededFuture();
        }
        http = vertx.createHttpClient();
        proxy = FaultProxy.create(broker.host(), broker.port(), clock);
        proxy.watchConnections();
        ObservationBus.carry(vertx);
        ConnectionsSeenByTheProxy seen = new ConnectionsSeenByTheProxy(clock, this::modelOf,
                observed -> ObservationBus.publish(vertx, observed));
        proxy.events().listen(seen::changed);
        LinkReopenings.observe(proxy, clock, vertx);
        for (ExternalDevice device : devices.values()) {
            try {
                proxy.openLink(device.id(), device.listenPort());
            } catch (RuntimeException taken) {
                return Future.failedFuture("external device " + device.id() + ": cannot listen on " + device.listen()
                        + " (" + taken.getMessage() + ")");
            }
        }
        return LocalMqttProbes.connect(vertx, devices.values().stream().flatMap(device -> device.probes().values().stream())
                        .map(ExternalProbe::mqtt).filter(Objects::nonNull).toList())
                .onSuccess(connected -> localMqtt = connected).mapEmpty();
    }

    /** Starts reading the paces external devices tell when they sign in: before their links open. */
    Future<Void> listenForPaces(BrokerEndpoint broker) {
        if (devices.isEmpty()) {
            return Future.succeededFuture();
        }
        return AnnouncedPaces.listen(vertx, broker.host(), broker.port(), devices).onSuccess(heard -> paces = heard)
                .mapEmpty();
    }

    /**
     * @throws InfrastructureException when a device told another pace than the scenario declares for it
     */
    void checkPaces() throws InfrastructureException {
        if (paces != null) {
            paces.check();
        }
    }

    /** Puts exactly these faults on these external devices' links; blocks until the proxy has them. */
    void setLinkFaults(Map<String, List<FaultSpec>> faultsByDevice) {
        faultsByDevice.forEach((device, faults) -> LocalDevices.faultFromScenario(proxy.link(device), faults));
    }

    /** What the harness sees of the device: whether a connection of its own is open through its link. */
    JsonObject status(String deviceId) {
        return new JsonObject().put("state", "external").put("connected", proxy.link(deviceId).openConnections() > 0);
    }

    /** The state topic and value that answer this app function of the device; null when the cloud's reply does. */
    StateProbe stateProbe(String deviceId, String function) {
        ExternalProbe probe = devices.get(deviceId).probes().get(function);
        return probe == null ? null : probe.state();
    }

    Set<String> stateTopics() {
        return devices.values().stream().flatMap(device -> device.probes().values().stream())
                .map(ExternalProbe::state).filter(Objects::nonNull).map(StateProbe::topic).collect(Collectors.toSet());
    }

    /** Sends the function's probe: the device's answer as the probe reads it, or no answer within {@code timeout}. */
    Future<String> stimulate(String deviceId, String function, String probeId, Duration timeout) {
        ExternalProbe external = devices.get(deviceId).probes().get(function);
        return external.mqtt() != null ? localMqtt.stimulate(external.mqtt(), probeId, timeout)
                : overHttp(external.http(), probeId, timeout);
    }

    private Future<String> overHttp(HttpProbe probe, String probeId, Duration timeout) {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.valueOf(probe.method()))
                .setAbsoluteURI(probe.url()).setConnectTimeout(timeout.toMillis()).setIdleTimeout(timeout.toMillis());
        return http.request(request)
                .compose(sending -> sending.send(Buffer.buffer(probe.bodyFor(probeId))))
                .compose(response -> response.body().compose(body -> judge(probe, response.statusCode(), body)))
                .recover(failed -> Future.failedFuture(failed instanceof Prober.ProbeRefused ? failed
                        : new IllegalStateException("device did not answer within " + timeout.toMillis() + " ms ("
                        + failed.getMessage() + ")")));
    }

    /** Worked, or refused: an answer either way. */
    private static Future<String> judge(HttpProbe probe, int status, Buffer body) {
        JsonObject json = null;
        try {
            json = body.length() == 0 ? null : body.toJsonObject();
        } catch (DecodeException | ClassCastException notJson) {
            // Judged by its status alone; an okField then cannot be true.
        }
        boolean ok = status == probe.okStatus()
                && (probe.okField() == null || (json != null && Boolean.TRUE.equals(json.getValue(probe.okField()))));
        String detail = json != null && json.getValue("detail") != null ? json.getValue("detail").toString()
                : "HTTP " + status;
        return ok ? Future.succeededFuture(detail)
                : Future.failedFuture(new Prober.ProbeRefused(ProbeOutcome.REFUSED, "HTTP " + status + ": " + detail));
    }

    /** Closes the links, the HTTP client and the MQTT clients; idempotent. */
    void close() {
        if (paces != null) {
            paces.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (localMqtt != null) {
            localMqtt.close();
        }
        if (http != null) {
            http.close();
        }
    }
}
