package io.cloudcut.harness;

import io.cloudcut.scenario.DeviceModel;

/** One device of the fleet: its id and model. */
record DeviceRef(String id, DeviceModel model) {
}
