package io.cloudcut.trust;

import java.nio.file.Path;

/** A JKS key store in the run's folder, for a server that reads its keys from a file (HiveMQ). */
public record KeyStoreFile(Path path, String password) {
}
