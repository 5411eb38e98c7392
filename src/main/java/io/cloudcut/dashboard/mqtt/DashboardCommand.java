package io.cloudcut.dashboard.mqtt;

import java.util.OptionalInt;

/**
 * What a dashboard's message on a command topic asks of the device: the device function it acts
 * as (whose session policy applies), and, for a control that sets a value (a Home Assistant
 * {@code number}), the value to set; a press carries none.
 */
public record DashboardCommand(String function, OptionalInt value) {

    static DashboardCommand press(String function) {
        return new DashboardCommand(function, OptionalInt.empty());
    }

    static DashboardCommand set(String function, int value) {
        return new DashboardCommand(function, OptionalInt.of(value));
    }
}
