package io.cloudcut.cli;

import io.cloudcut.cluster.ClusterSettings;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Where a coordinator or a worker joins the cluster of a run spread over several processes. */
final class ClusterOptions {

    @Option(names = "--cluster", paramLabel = "MEMBERS|FILE",
            description = "Members of the cluster to join: host[:port] separated by commas, or a file with one a line "
                    + "(default: 127.0.0.1, ports 5701 and up).")
    String members;

    @Option(names = "--cluster-host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "The interface this process binds for the cluster and its event bus (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--cluster-port", paramLabel = "PORT", defaultValue = "5701",
            description = "The cluster port tried first; a taken one makes it try the next (default: ${DEFAULT-VALUE}).")
    int port;

    /** @throws IllegalArgumentException for a member that is not one, or a file that cannot be read */
    ClusterSettings settings() {
        if (members == null) {
            return new ClusterSettings(host, port, null);
        }
        Path file = Path.of(members);
        if (Files.isRegularFile(file)) {
            try {
                return new ClusterSettings(host, port, ClusterSettings.readMembers(file));
            } catch (IOException unreadable) {
                throw new IllegalArgumentException("--cluster: cannot read " + file + ": " + unreadable.getMessage());
            }
        }
        try {
            return new ClusterSettings(host, port, Arrays.stream(members.split(",")).map(String::strip).toList());
        } catch (IllegalArgumentException wrong) {
            throw new IllegalArgumentException("--cluster: " + wrong.getMessage() + " (and no such file)");
        }
    }
}
