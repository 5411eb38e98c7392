package io.cloudcut.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The embedded broker's folders, all under one temporary root: HiveMQ would otherwise put data,
 * extensions and logs next to its jar (inside the local Maven repository).
 */
record BrokerFolders(Path root) {

    static BrokerFolders create() throws BrokerException {
        try {
            BrokerFolders folders = new BrokerFolders(Files.createTempDirectory("cloudcut-hivemq-"));
            for (Path folder : new Path[] {folders.config(), folders.data(), folders.extensions(), folders.log()}) {
                Files.createDirectories(folder);
            }
            return folders;
        } catch (IOException e) {
            throw new BrokerException("cannot create temporary folders for the embedded broker: " + e, e);
        }
    }

    Path config() {
        return root.resolve("conf");
    }

    Path data() {
        return root.resolve("data");
    }

    Path extensions() {
        return root.resolve("extensions");
    }

    Path log() {
        return root.resolve("log");
    }

    /** Deletes the root and everything below it. */
    void delete() throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
