package io.cloudcut.report;

import io.cloudcut.observation.Observation;
import io.cloudcut.observation.ObservationCodec;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code observations.jsonl}: every observation of the run, one JSON object per line, for tools and dashboards. */
public final class ObservationsWriter {

    public static final String FILE_NAME = "observations.jsonl";

    private ObservationsWriter() {
    }

    public static Path write(List<Observation> observations, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(FILE_NAME);
        try (Writer out = Files.newBufferedWriter(file)) {
            for (Observation observation : observations) {
                out.write(ObservationCodec.encode(observation).encode());
                out.write('\n');
            }
        }
        return file;
    }
}
