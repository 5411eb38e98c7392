package io.cloudcut.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cloudcut.observation.Observation;
import io.cloudcut.observation.ObservationCodec;
import io.cloudcut.observation.RunEndedObserved;
import io.cloudcut.observation.RunStartedObserved;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads back what {@link ObservationStream} wrote: a whole run's stream, which begins with what ran
 * ({@link RunStartedObserved}) and ends with the run ({@link RunEndedObserved}), so that a file cut
 * short is told apart from a run that saw little.
 */
public final class ObservationsReader {

    private ObservationsReader() {
    }

    /**
     * Hands each observation of the file to {@code into}, line by line: nothing of the stream is held
     * here, so a long run reads back in the memory of what {@code into} keeps.
     *
     * @throws ObservationsException naming the file and line of the first thing wrong with it
     */
    public static void read(Path file, Consumer<Observation> into) throws ObservationsException {
        int lines = 0;
        Observation last = null;
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String line;
            while ((line = in.readLine()) != null) {
                last = decode(file, ++lines, line);
                if (lines == 1 && !(last instanceof RunStartedObserved)) {
                    throw notBegun(file);
                }
                into.accept(last);
            }
        } catch (NoSuchFileException missing) {
            throw new ObservationsException(file, 0, "no such file (written by cloudcut run --report-dir DIR)", missing);
        } catch (IOException unreadable) {
            throw new ObservationsException(file, 0, "cannot be read: " + unreadable.getMessage(), unreadable);
        }
        if (lines == 0) {
            throw notBegun(file);
        }
        if (!(last instanceof RunEndedObserved)) {
            throw new ObservationsException(file, lines,
                    "the stream stops here, before the run ended (no run-ended observation): the file was cut short", null);
        }
    }

    private static ObservationsException notBegun(Path file) {
        return new ObservationsException(file, 1, "the stream does not begin with what ran (a run-started observation)", null);
    }

    private static Observation decode(Path file, int number, String line) throws ObservationsException {
        JsonObject json;
        try {
            json = new JsonObject(line);
        } catch (DecodeException notJson) {
            throw new ObservationsException(file, number, "not a JSON object" + (line.isBlank() ? " (a blank line)" : ""),
                    notJson);
        }
        try {
            return ObservationCodec.decode(json);
        } catch (IllegalArgumentException notAnObservation) {
            String why = notAnObservation.getCause() instanceof JsonProcessingException jackson
                    ? jackson.getOriginalMessage() : notAnObservation.getMessage();
            throw new ObservationsException(file, number, "not an observation: " + why.lines().findFirst().orElse(why),
                    notAnObservation);
        }
    }
}
