package io.cloudcut.observation;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.eventbus.MessageConsumer;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * How observations travel the event bus of the process that made them: as the records themselves,
 * which are immutable. A device makes one for each change it sees and the harness one for each probe,
 * thousands a second at scale; carried as JSON, each was written and read back twice before it was
 * folded (about 6% of a 1,000-device run's CPU). JSON is written only where observations leave the
 * process: a worker's batches to its coordinator, the observations file, a standalone device's output.
 */
public final class ObservationBus {

    /** The event-bus address every observation is published on, in its own process only. */
    public static final String ADDRESS = "cloudcut.observations";

    private static final String CODEC = "cloudcut-observation";
    private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true).setCodecName(CODEC);
    private static final Set<EventBus> CARRYING = Collections.newSetFromMap(new WeakHashMap<>());

    private ObservationBus() {
    }

    /**
     * Lets {@code vertx}'s event bus carry observations; a publisher calls it once before its first
     * {@link #publish}, and {@link #listen} calls it. Any number of calls on the same Vert.x are one.
     */
    public static void carry(Vertx vertx) {
        EventBus bus = vertx.eventBus();
        synchronized (CARRYING) {
            if (CARRYING.add(bus)) {
                bus.registerCodec(new Unchanged());
            }
        }
    }

    /** Hands {@code observation} to this process's listeners, on their own contexts. */
    public static void publish(Vertx vertx, Observation observation) {
        vertx.eventBus().publish(ADDRESS, observation, LOCAL);
    }

    /** Hears every observation published in this process from now on. */
    public static MessageConsumer<Observation> listen(Vertx vertx, Handler<Observation> heard) {
        carry(vertx);
        return vertx.eventBus().<Observation>localConsumer(ADDRESS, message -> heard.handle(message.body()));
    }

    /** Passes an observation on as it is: records are immutable, so listeners may share it. */
    private static final class Unchanged implements MessageCodec<Observation, Observation> {

        @Override
        public void encodeToWire(Buffer buffer, Observation observation) {
            throw new UnsupportedOperationException("observations stay in their process: a worker sends them on in batches");
        }

        @Override
        public Observation decodeFromWire(int pos, Buffer buffer) {
            throw new UnsupportedOperationException("observations stay in their process: a worker sends them on in batches");
        }

        @Override
        public Observation transform(Observation observation) {
            return observation;
        }

        @Override
        public String name() {
            return CODEC;
        }

        @Override
        public byte systemCodecID() {
            return -1;
        }
    }
}
