package io.cloudcut.fuzz;

import io.cloudcut.scenario.DeviceModel;

/** A device of the fuzz run: its id, and its model on the client stack it runs. */
public record FuzzedDevice(String id, DeviceModel model) {
}
