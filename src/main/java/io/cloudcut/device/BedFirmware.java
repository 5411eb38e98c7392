package io.cloudcut.device;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * A smart bed after the Eight Sleep Pod: a cover that heats or cools (levels -10 to +10, 0 is
 * neutral) on a base that raises the head (0 to 45 degrees). It holds its night setting from the
 * start, warming and raised, as it does while someone sleeps in it, and keeps holding whatever it
 * was last set to: nothing but a press, the app or a dashboard on the local network changes it (a
 * dashboard's value counts as the buttons pressed until they show it). Whether its buttons need the cloud is
 * the model's session policy: with {@code lock-all}, a bed without a session refuses them and stays
 * where it was.
 *
 * <p>A press of its temperature or incline buttons moves that setting one step, the first press
 * down (cooler, lower: what an owner too hot or too raised wants), the next one back up, so that
 * probes keep the bed near its owner's setting; the app moves both.
 */
final class BedFirmware implements Firmware {

    /** The setting the bed holds for the night: warming by four levels, the head raised by 15 degrees. */
    static final int NIGHT_TEMPERATURE = 4;
    static final int NIGHT_HEAD_DEGREES = 15;

    private final Axis temperature;
    private final Axis head;
    private DeviceContext device;

    BedFirmware() {
        this(NIGHT_TEMPERATURE, NIGHT_HEAD_DEGREES);
    }

    /** A bed that holds another setting: {@code 0, 0} is neutral and flat, at rest. */
    BedFirmware(int temperatureLevel, int headDegrees) {
        temperature = new Axis(temperatureLevel, -10, 10, 1);
        head = new Axis(headDegrees, 0, 45, 5);
    }

    @Override
    public void start(DeviceContext device) {
        this.device = device;
        reportState();
        device.setPeriodic(device.model().statusEvery(), () -> sendReport("status", null));
    }

    @Override
    public Future<String> perform(String function, String probeId) {
        return switch (function) {
            case "temperature-buttons" -> Future.succeededFuture(adjusted(stepTemperature()));
            case "incline-buttons" -> Future.succeededFuture(adjusted(stepHead()));
            case "adjust-from-app" -> Future.succeededFuture(adjusted("from the app: " + stepTemperature() + ", " + stepHead()));
            case "sleep-report" -> {
                sendReport(function, probeId);
                yield Future.succeededFuture("sleep report sent: " + device.state());
            }
            default -> Future.failedFuture("a bed has no function '" + function + "'");
        };
    }

    /** A dashboard's value for one of the controls, as if the buttons were pressed until they showed it. */
    @Override
    public Future<String> set(String function, int value) {
        return switch (function) {
            case "temperature-buttons" -> setTo(temperature, value, "temperature " + signed(temperature.value) + " -> " + signed(value));
            case "incline-buttons" -> setTo(head, value, "head " + head.value + " -> " + value + " degrees");
            default -> Future.failedFuture("a bed sets no value for '" + function + "'");
        };
    }

    private Future<String> setTo(Axis axis, int value, String change) {
        if (!axis.holds(value)) {
            return Future.failedFuture("out of the bed's range: " + value);
        }
        axis.set(value);
        return Future.succeededFuture(adjusted(change));
    }

    private String stepTemperature() {
        int from = temperature.value;
        temperature.nudge();
        return "temperature " + signed(from) + " -> " + signed(temperature.value);
    }

    private String stepHead() {
        int from = head.value;
        head.nudge();
        return "head " + from + " -> " + head.value + " degrees";
    }

    private static String signed(int level) {
        return level > 0 ? "+" + level : String.valueOf(level);
    }

    private String adjusted(String change) {
        reportState();
        return change;
    }

    /** {@code heating, inclined}: at rest only when neither warming nor cooling, and flat. */
    private void reportState() {
        String warmth = temperature.value > 0 ? "heating" : temperature.value < 0 ? "cooling" : "neutral";
        String incline = head.value > 0 ? "inclined" : "flat";
        boolean atRest = temperature.value == 0 && head.value == 0;
        device.state(warmth + ", " + incline, atRest ? Activity.AT_REST : Activity.ACTING,
                new JsonObject().put("temperatureLevel", temperature.value).put("headDegrees", head.value));
    }

    private void sendReport(String function, String probeId) {
        device.emit("status", function, probeId, new JsonObject().put("state", device.state())
                .put("temperatureLevel", temperature.value).put("headDegrees", head.value));
    }

    /**
     * One adjustable setting, moved a step at a time, down and up by turns: it never strays more
     * than a step from where it was set. At an end of its range a press goes the only way it can,
     * as a bed set to its coolest by a dashboard can only get warmer.
     */
    private static final class Axis {
        private final int min;
        private final int max;
        private final int step;
        private int value;
        private boolean downNext = true;

        Axis(int value, int min, int max, int step) {
            this.value = value;
            this.min = min;
            this.max = max;
            this.step = step;
        }

        void nudge() {
            int next = downNext ? value - step : value + step;
            value = holds(next) ? next : 2 * value - next;
            downNext = !downNext;
        }

        boolean holds(int candidate) {
            return candidate >= min && candidate <= max;
        }

        /** Set from outside: the next press goes down again, from here. */
        void set(int newValue) {
            value = newValue;
            downNext = true;
        }
    }
}
