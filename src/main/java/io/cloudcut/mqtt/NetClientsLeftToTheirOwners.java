package io.cloudcut.mqtt;

import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.VertxWrapper;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.impl.CleanableNetClient;

/**
 * Vert.x for a client that makes a NetClient per connect (the Vert.x MQTT client does), whose NetClients are not
 * held by the context that makes them. Vert.x 5 registers each NetClient with its context's close future and never
 * takes it off, closed or not (eclipse-vertx/vert.x#6311, fixed after 5.1.6; the versions served here have the bug):
 * a device that reconnects for a whole run held every attempt's client. Over TLS each holds its TLS context too:
 * 1,000 devices over mutual TLS reconnecting through a blackhole grew to 6.4 GB and stalled the run. Here a client is
 * owned by whoever holds it, as a plain object: the library closes it when its connection ends, and Vert.x's cleaner
 * closes one dropped unclosed.
 */
final class NetClientsLeftToTheirOwners extends VertxWrapper {

    NetClientsLeftToTheirOwners(Vertx vertx) {
        super((VertxInternal) vertx);
    }

    @Override
    public NetClient createNetClient(NetClientOptions options) {
        NetClient client = super.createNetClient(options);
        ContextInternal context = getContext();
        if (context != null && client instanceof CleanableNetClient cleanable) {
            context.closeFuture().remove(cleanable.unwrap());
        }
        return client;
    }
}
