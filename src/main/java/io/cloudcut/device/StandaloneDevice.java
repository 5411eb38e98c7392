package io.cloudcut.device;

import io.cloudcut.mqtt.NativeTransport;
import io.cloudcut.observation.ObservationBus;
import io.cloudcut.observation.ObservationCodec;
import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.ScenarioClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * What {@code cloudcut device} runs: one emulated device in a Vert.x of its own, straight to a broker
 * (or to whatever stands in front of it), on its own scenario clock, with its local functions on
 * {@link LocalFunctionsApi}, and on a local MQTT broker if it has one ({@link LocalFunctionsMqtt}). Its
 * observations go to {@code watcher}, as they come.
 */
public final class StandaloneDevice {

    private final Vertx vertx;
    private final ScenarioClock clock;
    private final LocalFunctionsApi api;
    /** Null: no local broker. */
    private final LocalFunctionsMqtt localMqtt;
    private final String deployment;

    private StandaloneDevice(Vertx vertx, ScenarioClock clock, LocalFunctionsApi api, LocalFunctionsMqtt localMqtt,
                             String deployment) {
        this.vertx = vertx;
        this.clock = clock;
        this.api = api;
        this.localMqtt = localMqtt;
        this.deployment = deployment;
    }

    /**
     * Starts the device; it connects (and reconnects, by its model's policy) to {@code brokerHost:brokerPort}
     * on its own, so the broker need not be up yet. The clock runs at {@code timeScale} from now on.
     *
     * @param localBroker the home network's MQTT broker where it also offers its local functions
     *                    ({@link LocalFunctionsMqtt}), up already; null: none
     */
    public static Future<StandaloneDevice> start(String deviceId, DeviceModel model, String brokerHost, int brokerPort,
                                                 int httpPort, InetSocketAddress localBroker, double timeScale,
                                                 Consumer<JsonObject> watcher) {
        Vertx vertx = Vertx.vertx(NativeTransport.vertxOptions());
        ScenarioClock clock = ScenarioClock.running(timeScale);
        ObservationBus.listen(vertx, observed -> watcher.accept(ObservationCodec.encode(observed)));
        return LocalFunctionsApi.start(vertx, deviceId, httpPort)
                .compose(api -> (localBroker == null ? Future.<LocalFunctionsMqtt>succeededFuture(null)
                        : LocalFunctionsMqtt.start(vertx, deviceId, localBroker.getHostString(), localBroker.getPort()))
                        .compose(localMqtt -> vertx.deployVerticle(
                                        DeviceVerticle.onItsOwnClock(deviceId, model, brokerHost, brokerPort, clock))
                                .map(deployment -> new StandaloneDevice(vertx, clock, api, localMqtt, deployment))))
                .recover(failed -> {
                    clock.close();
                    return vertx.close().transform(closed -> Future.failedFuture(failed));
                });
    }

    /** The loopback port of the local functions. */
    public int httpPort() {
        return api.port();
    }

    /**
     * Stops the device as a run ends it (its last event account, offline on dashboards), then its Vert.x;
     * blocks, for at most {@code limit} each. Call it from a plain thread.
     */
    public void stop(Duration limit) throws InterruptedException, ExecutionException, TimeoutException {
        try {
            vertx.undeploy(deployment).transform(undeployed -> localMqtt == null ? api.close()
                            : localMqtt.close().transform(closed -> api.close()))
                    .toCompletionStage().toCompletableFuture().get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            clock.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(limit.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
