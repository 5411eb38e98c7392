package io.cloudcut.device;

import io.cloudcut.scenario.DeviceModel;

/** Finds the firmware a model runs: the built-in one of its kind, or the SPI class it names. */
final class Firmwares {

    private Firmwares() {
    }

    static Firmware forModel(DeviceModel model) {
        if (!model.firmware().isEmpty()) {
            return custom(model.firmware());
        }
        return switch (model.kind()) {
            case VACUUM -> new VacuumFirmware();
            case DOORBELL -> new DoorbellFirmware();
            case BED -> new BedFirmware();
        };
    }

    private static Firmware custom(String className) {
        try {
            Class<?> type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
            if (!Firmware.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException(className + " does not implement " + Firmware.class.getName());
            }
            return (Firmware) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException unusable) {
            throw new IllegalArgumentException("cannot create firmware " + className + ": " + unusable, unusable);
        }
    }
}
