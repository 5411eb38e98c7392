package io.cloudcut.fuzz;

import java.nio.file.Path;
import java.util.List;

/**
 * What a fuzz run sends, and to whom.
 *
 * @param projectRoot   where {@code devices/}, {@code clouds/default.yaml} and {@code broker-config/} are
 * @param models        one device of each, on the client stacks in turn ({@link FuzzRun#STACKS})
 * @param invalidTopics PUBLISH packets with a topic that is not UTF-8, each on a connection of its own
 * @param externalBroker a broker to fuzz through instead of the embedded one ({@code tcp://HOST:PORT}, one
 *                       that lets clients in without credentials); null: the embedded one
 */
public record FuzzSettings(Path projectRoot, long payloads, long seed, List<String> models, int invalidTopics,
                           String externalBroker) {

    /** On the embedded broker. */
    public FuzzSettings(Path projectRoot, long payloads, long seed, List<String> models, int invalidTopics) {
        this(projectRoot, payloads, seed, models, invalidTopics, null);
    }

    public FuzzSettings {
        models = List.copyOf(models);
        if (payloads < 1) {
            throw new IllegalArgumentException("payloads: at least 1 (got " + payloads + ")");
        }
        if (models.isEmpty()) {
            throw new IllegalArgumentException("models: name at least one");
        }
        if (invalidTopics < 0) {
            throw new IllegalArgumentException("invalid topics: none or more (got " + invalidTopics + ")");
        }
    }
}
