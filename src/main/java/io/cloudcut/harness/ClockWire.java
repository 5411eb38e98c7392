package io.cloudcut.harness;

import io.cloudcut.scenario.ScenarioClock;
import io.vertx.core.json.JsonObject;

/**
 * The coordinator's clock as it crosses the event bus to a clustered run's workers, and a worker's clock following
 * it: the pace, whether it stands, and the connect attempts each worker runs at once, its share of those the
 * coordinator's pacer admits. Those are what this machine carries, so a worker on another machine runs fewer than its
 * own would carry.
 */
final class ClockWire {

    private ClockWire() {
    }

    static JsonObject of(ScenarioClock.Setting setting, int attemptsAtOnce, int workers) {
        return new JsonObject().put("started", setting.started())
                .put("realNanos", setting.realNanos()).put("scenarioNanos", setting.scenarioNanos())
                .put("scale", setting.scale()).put("standing", setting.standing()).put("machine", Worker.MACHINE)
                .put("attemptsAtOnce", attemptsAtOnce == Integer.MAX_VALUE ? attemptsAtOnce : Math.max(1, attemptsAtOnce / workers));
    }

    /** {@code clock} runs as {@code wire} says the coordinator's does, and admits as many attempts at once as its share. */
    static void follow(ScenarioClock clock, JsonObject wire) {
        boolean sameMachine = Worker.MACHINE.equals(wire.getString("machine"));
        // From another machine the sender's instant means nothing here: take the arrival as that instant.
        clock.follow(new ScenarioClock.Setting(wire.getBoolean("started"),
                sameMachine ? wire.getLong("realNanos") : System.nanoTime(), wire.getLong("scenarioNanos"),
                wire.getDouble("scale"), wire.getBoolean("standing", false)));
        int attemptsAtOnce = wire.getInteger("attemptsAtOnce", Integer.MAX_VALUE);
        if (attemptsAtOnce != clock.attemptsAtOnce()) {
            clock.admitAttempts(attemptsAtOnce);
        }
    }
}
