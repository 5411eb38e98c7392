package io.cloudcut.scenario;

import java.util.Map;
import java.util.TreeMap;

/**
 * A device of the run that CloudCut does not run: a device's PC build, a vendor's simulator, a device
 * on the bench, a {@code cloudcut device}. It reaches the broker through the harness's fault proxy,
 * which listens for it at {@code listen} (127.0.0.1:PORT), under its own client id {@code id}. Its
 * {@code model} names its functions, their paths and roles; {@code probes} say how each function
 * started on the device is exercised, by function name. App functions go through the emulated
 * cloud's commands, as for emulated devices. {@code timeScale} is the pace of the device's own clock
 * (scenario seconds per real second): 1, real time, unless said, as for a PC build or a bench device;
 * a {@code cloudcut device} runs at its {@code --time-scale}. A run goes at the same pace or not at all.
 */
public record ExternalDevice(String id, String model, String listen, Double timeScale, Map<String, ExternalProbe> probes) {

    private static final String LOOPBACK = "127.0.0.1:";

    public ExternalDevice {
        Checks.present(id, "id");
        Checks.present(model, "model");
        Checks.present(listen, "listen");
        if (!listen.startsWith(LOOPBACK) || portOf(listen) < 1) {
            throw new FieldProblem("/listen", "listen must be 127.0.0.1:PORT with a port from 1 to 65535 (the proxy "
                    + "listens there for this device, on loopback only), got '" + listen + "'");
        }
        timeScale = Checks.orDefault(timeScale, 1.0);
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw new FieldProblem("/timeScale", "timeScale must be a positive number of scenario seconds per real second "
                    + "on the device's clock, got " + timeScale);
        }
        probes = new TreeMap<>(Checks.orDefault(probes, Map.of()));
    }

    /** The proxy port this device connects to. */
    public int listenPort() {
        return portOf(listen);
    }

    private static int portOf(String listen) {
        try {
            int port = Integer.parseInt(listen.substring(LOOPBACK.length()));
            return port <= 65535 ? port : -1;
        } catch (NumberFormatException notANumber) {
            return -1;
        }
    }
}
