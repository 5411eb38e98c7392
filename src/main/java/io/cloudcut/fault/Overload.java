package io.cloudcut.fault;

import io.cloudcut.scenario.LinkFaultKind;
import io.cloudcut.scenario.WireNames;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * A cloud front door that carries {@code capacity} connects per device (per link under the fault) and
 * unit of time, counted fleet-wide over the last {@code window} ms: beyond it, a new connection's
 * CONNECT is answered with a server-busy refusal (MQTT 5 reason 0x89, 3.1.1 return code 3) with the
 * probability {@code 1 - carried / tried}, so the more devices try, the fewer get in, and each
 * refusal is one more retry. The broker is never contacted for a refused connect; the others pass.
 * Time is the proxy's clock: scenario time in a run, where devices back off on it. Faults with the
 * same attributes on the links of one proxy share one front door and one random sequence ({@code seed}).
 */
final class Overload implements LinkFault {

    static final String NAME = WireNames.of(LinkFaultKind.OVERLOAD);

    /** What makes overload faults on several links one front door: the same attributes. */
    private record Settings(double perLinkPerSecond, long windowNanos, long seed) {
    }

    private final Settings settings;
    private LinkControl link;
    private FrontDoor door;

    Overload(FaultAttributes attributes) {
        this.settings = new Settings(attributes.perSecond("capacity", "6/h"),
                attributes.whole("window", 60_000, 1, FaultAttributes.MAX_MILLIS) * 1_000_000,
                attributes.whole("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void onApply(LinkControl link) {
        this.link = link;
        this.door = link.shared(settings, FrontDoor.class, () -> new FrontDoor(settings));
        door.join(link);
    }

    @Override
    public void onRemove(LinkControl link) {
        door.leave(link);
    }

    @Override
    public void onNewConnection(ProxiedConnection connection) {
        if (door.turnsAway(link.clockNanos())) {
            connection.answerConnect(Refusal.SERVER_BUSY::answer);
        }
    }

    /** The connects the fleet tried within the window, and the links that share the capacity. */
    static final class FrontDoor {
        private final Settings settings;
        private final Random random;
        private final Deque<Long> tried = new ArrayDeque<>();
        private final Set<LinkControl> links = new HashSet<>();

        FrontDoor(Settings settings) {
            this.settings = settings;
            this.random = new Random(settings.seed());
        }

        synchronized void join(LinkControl link) {
            links.add(link);
        }

        synchronized void leave(LinkControl link) {
            links.remove(link);
        }

        /** One more connect tried at {@code nowNanos}: whether it is refused. */
        synchronized boolean turnsAway(long nowNanos) {
            tried.addLast(nowNanos);
            while (tried.peekFirst() <= nowNanos - settings.windowNanos()) {
                tried.removeFirst();
            }
            double carried = settings.perLinkPerSecond() * links.size() * settings.windowNanos() / 1e9;
            return tried.size() > carried && random.nextDouble() >= carried / tried.size();
        }
    }
}
