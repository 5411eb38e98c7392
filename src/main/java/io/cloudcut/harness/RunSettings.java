package io.cloudcut.harness;

import io.cloudcut.cluster.ClusterSettings;
import io.cloudcut.identity.Identities;
import io.cloudcut.trust.BrokerTrust;
import io.cloudcut.trust.TransportSecurity;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run a scenario: against the embedded broker (configured from {@code brokerConfigDir}, on
 * {@code brokerPort} or a free port when null) or an external one ({@code externalBroker}, a
 * {@code tcp://host:port} URI), how long devices may take to come up, who watches, and where the
 * devices run: in this process, or spread over {@code workers} worker processes of the cluster that
 * {@code cluster} joins (then this process coordinates: broker, cloud, probes, timeline, report); and
 * whether the devices' Home Assistant discovery configs stay on the broker when the run ends
 * ({@code keepDiscovery}; cleared by default); who is who on the broker ({@code identities}, null: new ones
 * drawn for each run), and whether the embedded broker lets anyone in anonymously to every topic
 * ({@code openBroker}; by default it admits only those identities, each to its own topics); and how
 * devices reach the broker ({@code security}: plain TCP by default, or TLS on the embedded broker's
 * TLS listener, with client certificates for mutual TLS); and whether the links of a fleet in this
 * process share one port of the fault proxy ({@code sharedProxyPort}; by default only when a port a
 * link would not fit the open-file limit); and, for an external broker that speaks TLS
 * ({@code mqtts://}), how the harness's clients and the proxy trust it and what certificate they
 * present ({@code brokerTrust}).
 */
public record RunSettings(String externalBroker, Integer brokerPort, Path brokerConfigDir,
                          Duration startupTimeout, ProgressListener progress, ClusterSettings cluster, int workers,
                          boolean keepDiscovery, Identities identities, boolean openBroker,
                          TransportSecurity security, boolean sharedProxyPort, BrokerTrust brokerTrust) {

    public RunSettings {
        security = security == null ? TransportSecurity.PLAIN : security;
        startupTimeout = startupTimeout == null ? Duration.ofSeconds(60) : startupTimeout;
        progress = progress == null ? ProgressListener.SILENT : progress;
        if (workers < 0 || (workers > 0) != (cluster != null)) {
            throw new IllegalArgumentException("a clustered run names its cluster and at least one worker");
        }
    }

    /** Every device in this process, on plain TCP. */
    public RunSettings(String externalBroker, Integer brokerPort, Path brokerConfigDir, Duration startupTimeout,
                       ProgressListener progress) {
        this(externalBroker, brokerPort, brokerConfigDir, startupTimeout, progress, null, 0, false, null, false, null, false,
                null);
    }

    /** The embedded broker on a free port, configured from the project's {@code broker-config/}. */
    public static RunSettings embedded(Path brokerConfigDir) {
        return new RunSettings(null, null, brokerConfigDir, null, null);
    }

    /** The same run with its devices spread over {@code workers} workers of {@code cluster}. */
    public RunSettings onWorkers(ClusterSettings cluster, int workers) {
        return new RunSettings(externalBroker, brokerPort, brokerConfigDir, startupTimeout, progress, cluster, workers,
                keepDiscovery, identities, openBroker, security, sharedProxyPort, brokerTrust);
    }

    /** The same run, leaving the devices' discovery configs and state on the broker when it ends. */
    public RunSettings keepingDiscovery() {
        return new RunSettings(externalBroker, brokerPort, brokerConfigDir, startupTimeout, progress, cluster, workers,
                true, identities, openBroker, security, sharedProxyPort, brokerTrust);
    }

    /** The same run, told to {@code watcher} instead (which may pass it on to the listener it had). */
    public RunSettings watchedBy(ProgressListener watcher) {
        return new RunSettings(externalBroker, brokerPort, brokerConfigDir, startupTimeout, watcher, cluster, workers,
                keepDiscovery, identities, openBroker, security, sharedProxyPort, brokerTrust);
    }

    /** The same run with these identities, so that the caller can connect as one of them. */
    public RunSettings withIdentities(Identities known) {
        return new RunSettings(externalBroker, brokerPort, brokerConfigDir, startupTimeout, progress, cluster, workers,
                keepDiscovery, known, openBroker, security, sharedProxyPort, brokerTrust);
    }

    /** The same run on an embedded broker without identities or ACLs, for tools that cannot log in. */
    public RunSettings withOpenBroker() {
        return new RunSettings(externalBroker, brokerPort, brokerConfigDir, startupTimeout, progress, cluster, workers,
                keepDiscovery, identities, true, security, sharedProxyPort, brokerTrust);
    }

    /** The same run with its devices reaching the broker as {@code devicesBy} says. */
    public RunSettings securedBy(TransportSecurity devicesBy) {
        return new RunSettings(externalBroker, brokerPort, brokerConfigDir, startupTimeout, progress, cluster, workers,
                keepDiscovery, identities, openBroker, devicesBy, sharedProxyPort, brokerTrust);
    }

    /** The same run with every link of its fleet on one shared port of the fault proxy. */
    public RunSettings onOneProxyPort() {
        return new RunSettings(externalBroker, brokerPort, brokerConfigDir, startupTimeout, progress, cluster, workers,
                keepDiscovery, identities, openBroker, security, true, brokerTrust);
    }

    /** The same run trusting its external TLS broker as {@code trust} says. */
    public RunSettings trustingBroker(BrokerTrust trust) {
        return new RunSettings(externalBroker, brokerPort, brokerConfigDir, startupTimeout, progress, cluster, workers,
                keepDiscovery, identities, openBroker, security, sharedProxyPort, trust);
    }

    public boolean clustered() {
        return workers > 0;
    }
}
