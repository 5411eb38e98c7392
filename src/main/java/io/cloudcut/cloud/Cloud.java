package io.cloudcut.cloud;

import io.cloudcut.trust.ClientTls;
import io.cloudcut.mqtt.Credentials;
import io.cloudcut.scenario.CloudSpec;
import io.cloudcut.scenario.ScenarioClock;
import io.cloudcut.scenario.ServiceKind;
import io.vertx.core.Future;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Deploys the services of a cloud file, each its own verticle connected to the broker. */
public final class Cloud {

    private Cloud() {
    }

    /**
     * Deploys every service and completes once all are connected and subscribed.
     *
     * @param identityOf each service's credentials, by its name (null: anonymous)
     */
    public static Future<CloudControl> deploy(Vertx vertx, CloudSpec spec, String brokerHost, int brokerPort,
                                              ScenarioClock clock, Function<String, Credentials> identityOf) {
        return deploy(vertx, spec, brokerHost, brokerPort, null, clock, identityOf);
    }

    /** As the other, each service reaching the broker over TLS as {@code brokerTls} says (null: plain TCP). */
    public static Future<CloudControl> deploy(Vertx vertx, CloudSpec spec, String brokerHost, int brokerPort,
                                              ClientTls brokerTls, ScenarioClock clock,
                                              Function<String, Credentials> identityOf) {
        List<Future<String>> deployed = new ArrayList<>();
        for (String service : spec.services().keySet()) {
            deployed.add(vertx.deployVerticle(create(service, brokerHost, brokerPort, clock).securedBy(brokerTls),
                    new DeploymentOptions().setConfig(new JsonObject()
                            .put(CloudService.PERSISTENT_SESSION, spec.persistentSessions())
                            .put(CloudService.CONNECTIONS, spec.services().get(service).connections())
                            .put(CloudService.CREDENTIALS, encode(identityOf.apply(service))))));
        }
        return Future.all(deployed).map(all -> new CloudControl(vertx, new ServiceGraph(spec)));
    }

    private static JsonObject encode(Credentials credentials) {
        return credentials == null ? null
                : new JsonObject().put("username", credentials.username()).put("password", credentials.password());
    }

    /** A cloud file's service, which the loader checked names a kind CloudCut emulates. */
    private static CloudService create(String service, String host, int port, ScenarioClock clock) {
        // Over the enum, with no default: a kind added to it does not compile here until it has a service.
        return switch (ServiceKind.named(service).orElseThrow(() -> new IllegalArgumentException("unknown service kind '" + service + "'"))) {
            case AUTH -> new AuthService(host, port, clock);
            case COMMANDS -> new CommandsService(host, port, clock);
            case INGEST -> new IngestService(host, port, clock);
            case NOTIFY -> new NotifyService(host, port, clock);
        };
    }
}
