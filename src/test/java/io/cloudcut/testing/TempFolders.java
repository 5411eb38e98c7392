package io.cloudcut.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Folders tests make outside JUnit's {@code @TempDir}: a broker's or a worker's, which another process
 * reads or writes. Whoever makes one deletes it, or {@code /tmp} fills run after run.
 */
public final class TempFolders {

    private TempFolders() {
    }

    /** Deletes the folder and everything below it; a folder already gone is fine. */
    public static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        List<Path> deepestFirst;
        try (Stream<Path> paths = Files.walk(folder)) {
            deepestFirst = paths.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : deepestFirst) {
            Files.deleteIfExists(path);
        }
    }
}
