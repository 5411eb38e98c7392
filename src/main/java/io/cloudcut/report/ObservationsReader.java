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
import java.util.ArrayList;
import java.util.List;

/**
 * Reads back what {@link ObservationsWriter} wrote: a whole run's stream, which begins with what ran
 * ({@link RunStartedObserved}) and ends with the run ({@link RunEndedObserved}), so that a file cut
 * short is told apart from a run that saw little.
 */
public final class ObservationsReader {

    private ObservationsReader() {
    }

    /** @throws ObservationsException naming the file and line of the first thing wrong with it */
    public static List<Observation> read(Path file) throws ObservationsException {
        List<Observation> observations = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String line;
            while ((line = in.readLine()) != null) {
                observations.add(decode(file, observations.size() + 1, line));
            }
        } catch (NoSuchFileException missing) {
            throw new ObservationsException(file, 0, "no such file (written by cloudcut run --report-dir DIR)", missing);
        } catch (IOException unreadable) {
            throw new ObservationsException(file, 0, "cannot be read: " + unreadable.getMessage(), unreadable);
        }
        if (observations.isEmpty() || !(observations.get(0) instanceof RunStartedObserved)) {
            throw new ObservationsException(file, 1, "the stream does not begin with what ran (a run-started observation)",
                    null);
        }
        if (!(observations.get(observations.size() - 1) instanceof RunEndedObserved)) {
            throw new ObservationsException(file, observations.size(),
                    "the stream stops here, before the run ended (no run-ended observation): the file was cut short", null);
        }
        return observations;
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
