package io.cloudcut.harness;

import io.cloudcut.fault.FaultProxy;
import io.cloudcut.fault.ProxyTls;
import io.cloudcut.scenario.ScenarioClock;
import io.cloudcut.trust.ClientTls;
import io.cloudcut.trust.FleetKeys;
import io.cloudcut.trust.ServerTls;
import io.cloudcut.trust.TlsFiles;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How one run's devices on a worker reach the broker, as the coordinator's order says ({@link WorkerTls}
 * on its side): plain TCP, or TLS to the worker's proxy with keys made here and certified by the
 * coordinator's CA (see {@link FleetKeys} for why no private key crosses the event bus); and from the
 * proxy, TLS of the run's own to the embedded broker, or TLS to an external broker trusted by the CA
 * certificate the order carries.
 */
final class WorkerTrust {

    /** Null: devices speak plain TCP. */
    private final FleetKeys keys;
    /** Null: the proxy speaks plain TCP to the broker. */
    private final ClientTls towardsBroker;

    private WorkerTrust(FleetKeys keys, ClientTls towardsBroker) {
        this.keys = keys;
        this.towardsBroker = towardsBroker;
    }

    /** What {@code order} asks of {@code worker} for {@code devices}, their keys certified first if it has them speak TLS. */
    static Future<WorkerTrust> of(Vertx vertx, String worker, JsonObject order, List<String> devices) {
        byte[] brokerCa = order.getBinary("brokerCa");
        ClientTls externalBroker = brokerCa == null ? null
                : new ClientTls(null, TlsFiles.trustFromPem(brokerCa, "the run's --broker-ca"));
        JsonObject tls = order.getJsonObject("tls");
        if (tls == null) {
            return Future.succeededFuture(new WorkerTrust(null, externalBroker));
        }
        return vertx.executeBlocking(() -> FleetKeys.generate(devices, tls.getBoolean("mutual"))).compose(keys -> {
            JsonObject publicKeys = new JsonObject();
            keys.devicePublicKeys().forEach(publicKeys::put);
            return vertx.eventBus().<JsonObject>request(tls.getString("certify"), new JsonObject().put("worker", worker)
                                    .put("proxy", keys.proxyPublicKey()).put("devices", publicKeys),
                            new DeliveryOptions().setSendTimeout(WorkerDevices.ORDER_TIMEOUT_MILLIS))
                    .compose(answer -> vertx.executeBlocking(() -> {
                        keys.install(answer.body().getBinary("ca"), answer.body().getBinary("proxy"),
                                binaries(answer.body().getJsonObject("devices")));
                        // An external broker is given no certificate: one that wants it takes no workers.
                        return new WorkerTrust(keys, externalBroker != null ? externalBroker : keys.proxyClient());
                    }));
        });
    }

    /** The worker's fault proxy to {@code host:port} for this run; it binds, so not on an event loop. */
    FaultProxy proxy(String host, int port, ScenarioClock clock) {
        ServerTls towardsDevices = keys == null ? null : keys.proxyServer();
        return towardsDevices == null && towardsBroker == null ? FaultProxy.create(host, port, clock)
                : FaultProxy.create(host, port, clock, new ProxyTls(towardsDevices, towardsBroker));
    }

    /** What the device trusts and presents; null: it speaks plain TCP to the proxy. */
    ClientTls device(String deviceId) {
        return keys == null ? null : keys.device(deviceId);
    }

    /** The devices present these re-issued certificates (DER, by device, as the coordinator sends them) from their next handshake on. */
    JsonObject present(JsonObject certificates) {
        if (keys == null) {
            throw new IllegalStateException("this run gave its devices no certificates");
        }
        binaries(certificates).forEach(keys::replace);
        return new JsonObject().put("devices", certificates.size());
    }

    private static Map<String, byte[]> binaries(JsonObject byName) {
        Map<String, byte[]> values = new HashMap<>();
        byName.fieldNames().forEach(field -> values.put(field, byName.getBinary(field)));
        return values;
    }
}
