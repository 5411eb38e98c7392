package io.cloudcut.fuzz;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of a fuzz run: what was sent, of which kind, and whether every reader counted each
 * payload it had to reject and still answers.
 *
 * @param sentByKind            payloads published, by kind
 * @param readers               every device and service that read fuzzed topics
 * @param invalidTopicsSent     PUBLISH packets whose topic was not UTF-8, each on its own connection
 * @param invalidTopicsRefused  of those, the ones after which the broker closed the connection
 * @param seconds               real time spent publishing until every payload was acknowledged by the broker
 */
public record FuzzFigures(long seed, long payloads, long bytes, Map<PayloadKind, Long> sentByKind,
                          List<ReaderFigures> readers, int invalidTopicsSent, int invalidTopicsRefused,
                          double seconds) {

    public FuzzFigures {
        sentByKind = Map.copyOf(sentByKind);
        readers = List.copyOf(readers);
    }

    public double payloadsPerSecond() {
        return seconds > 0 ? payloads / seconds : 0;
    }

    public long devicesAnswering() {
        return readers.stream().filter(ReaderFigures::isDevice).filter(ReaderFigures::stillAnswers).count();
    }

    public long devices() {
        return readers.stream().filter(ReaderFigures::isDevice).count();
    }

    /** Every reader counted exactly what it had to reject, and every device answered every probe. */
    public boolean passed() {
        return readers.stream().allMatch(r -> r.countedEveryRejection() && r.stillAnswers());
    }

    /** Per model, the malformed messages its devices rejected. */
    public Map<String, Long> rejectedByModel() {
        Map<String, Long> byModel = new TreeMap<>();
        readers.stream().filter(ReaderFigures::isDevice).forEach(r -> byModel.merge(r.model(), r.rejected(), Long::sum));
        return byModel;
    }

    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%,d payloads (%,.1f MB) from seed %d in %.1f s: %,.0f payloads/s%n",
                payloads, bytes / 1e6, seed, seconds, payloadsPerSecond()));
        out.append("sent by kind: ").append(String.join(", ", sentByKind.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(kind -> String.format(Locale.ROOT, "%s %,d", wireName(kind.getKey()), kind.getValue())).toList()))
                .append(System.lineSeparator());
        out.append(String.format(Locale.ROOT, "%-28s %-22s %-10s %9s %12s %9s %8s%n",
                "reader", "model", "stack", "sent", "must reject", "rejected", "answers"));
        for (ReaderFigures reader : readers) {
            out.append(String.format(Locale.ROOT, "%-28s %-22s %-10s %,9d %,12d %,9d %8s%s%n", reader.reader(), reader.model(),
                    reader.stack(), reader.sent(), reader.expectedRejected(), reader.rejected(),
                    reader.isDevice() ? reader.answered() + "/" + reader.probes() : "",
                    reader.countedEveryRejection() ? "" : "  MISCOUNTED"));
        }
        rejectedByModel().forEach((model, rejected) -> out.append(String.format(Locale.ROOT,
                "%s: %,d malformed messages rejected%n", model, rejected)));
        out.append(String.format(Locale.ROOT, "topics not UTF-8: %d sent, the broker closed the connection after %d%n",
                invalidTopicsSent, invalidTopicsRefused));
        out.append(String.format(Locale.ROOT, "%d of %d devices still answer every function; %s%n", devicesAnswering(), devices(),
                readers.stream().allMatch(ReaderFigures::countedEveryRejection)
                        ? "every reader counted every payload it had to reject" : "some reader miscounted"));
        return out.toString();
    }

    public JsonObject toJson() {
        JsonObject kinds = new JsonObject();
        sentByKind.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(kind -> kinds.put(wireName(kind.getKey()), kind.getValue()));
        JsonArray readerList = new JsonArray();
        readers.forEach(reader -> readerList.add(JsonObject.mapFrom(reader)));
        JsonObject byModel = new JsonObject();
        rejectedByModel().forEach(byModel::put);
        return new JsonObject()
                .put("seed", seed)
                .put("payloads", payloads)
                .put("bytes", bytes)
                .put("seconds", seconds)
                .put("payloadsPerSecond", payloadsPerSecond())
                .put("sentByKind", kinds)
                .put("readers", readerList)
                .put("rejectedByModel", byModel)
                .put("invalidTopicsSent", invalidTopicsSent)
                .put("invalidTopicsRefused", invalidTopicsRefused)
                .put("devicesAnswering", devicesAnswering())
                .put("devices", devices())
                .put("passed", passed());
    }

    private static String wireName(PayloadKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
