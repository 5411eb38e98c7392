package io.cloudcut.harness;

import java.time.Duration;

/**
 * How to run a scenario: against the embedded broker (configured from {@code brokerConfigDir}, on
 * {@code brokerPort} or a free port when null) or an external one ({@code externalBroker}, a
 * {@code tcp://host:port} URI), how long devices may take to come up, and who watches.
 */
public record RunSettings(String externalBroker, Integer brokerPort, java.nio.file.Path brokerConfigDir,
                          Duration startupTimeout, ProgressListener progress) {

    public RunSettings {
        startupTimeout = startupTimeout == null ? Duration.ofSeconds(60) : startupTimeout;
        progress = progress == null ? ProgressListener.SILENT : progress;
    }

    /** The embedded broker on a free port, configured from the project's {@code broker-config/}. */
    public static RunSettings embedded(java.nio.file.Path brokerConfigDir) {
        return new RunSettings(null, null, brokerConfigDir, null, null);
    }
}
