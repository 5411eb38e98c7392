package io.cloudcut.fuzz;

/**
 * What one reader of fuzzed topics (a device, or a cloud service) was sent and did with it.
 *
 * @param reader          a device id, or {@code service:<name>}
 * @param model           the device's model; empty for a service
 * @param stack           the device's MQTT client stack; {@code vertx} for a service
 * @param sent            payloads that reached it
 * @param expectedRejected of those, the ones it must reject
 * @param rejected        what it counted as malformed
 * @param probes          for a device, its functions asked once after the fuzzing; 0 for a service
 * @param answered        of those, the ones it answered (done or refused, not silent)
 */
public record ReaderFigures(String reader, String model, String stack, long sent, long expectedRejected,
                            long rejected, int probes, int answered) {

    public boolean isDevice() {
        return !reader.startsWith(Target.SERVICE);
    }

    public boolean countedEveryRejection() {
        return rejected == expectedRejected;
    }

    public boolean stillAnswers() {
        return answered == probes;
    }
}
