package io.cloudcut.observation;

/**
 * How many of a device's connects its client library left waiting for ever in the run, told once its devices have
 * stopped: Paho 1.2.5's connect, whose loop ended before it said it runs, sleeps on for ever
 * (eclipse-paho/paho.mqtt.java#953). A real device keeps a thread for each, waking ten times a second; the harness
 * ended them once found.
 */
public record ConnectsStuckObserved(long atMillis, String device, String model, long connects) implements Observation {
}
