package io.cloudcut.fuzz;

import io.cloudcut.testing.Project;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One bounded fuzz run on the embedded broker, asserted many ways: three devices of different kinds
 * on three client stacks, and the cloud's four services, each sent thousands of hostile payloads
 * from a fixed seed; every reader counted exactly what it had to reject, and every device still
 * answers every function, locally and through the cloud.
 */
class FuzzRunTest {

    private static final List<String> MODELS = List.of("vacuum-local-first", "doorbell-local-chime", "bed-offline-mode");
    private static FuzzFigures figures;
    private static final List<String> progress = new ArrayList<>();

    @BeforeAll
    static void fuzz() throws Exception {
        figures = new FuzzRun(new FuzzSettings(Project.root(), 2_000, 42, MODELS, 4), progress::add).run();
    }

    @Test
    void everyKindOfPayloadWasSent() {
        assertThat(figures.sentByKind().keySet()).containsExactlyInAnyOrder(PayloadKind.values());
        assertThat(figures.sentByKind().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2_000);
    }

    @Test
    void everyDeviceAndServiceCountedExactlyWhatItHadToReject() {
        assertThat(figures.readers()).extracting(ReaderFigures::reader).contains("vacuum-local-first-1",
                "doorbell-local-chime-2", "bed-offline-mode-3", "service:auth", "service:commands", "service:ingest",
                "service:notify");
        assertThat(figures.readers()).allSatisfy(reader -> {
            assertThat(reader.expectedRejected()).as("%s was sent something to reject", reader.reader()).isPositive();
            assertThat(reader.expectedRejected()).as("%s was sent something valid too", reader.reader())
                    .isLessThan(reader.sent());
            assertThat(reader.rejected()).as("what %s counted as malformed", reader.reader())
                    .isEqualTo(reader.expectedRejected());
        });
    }

    @Test
    void everyDeviceOnEveryStackStillAnswersEveryFunction() {
        List<ReaderFigures> devices = figures.readers().stream().filter(ReaderFigures::isDevice).toList();
        assertThat(devices).extracting(ReaderFigures::stack).containsExactly("vertx", "hivemq-v5", "paho-v3");
        assertThat(devices).allSatisfy(device -> assertThat(device.answered())
                .as("functions %s answered after the fuzzing", device.reader()).isEqualTo(device.probes()));
        assertThat(figures.passed()).isTrue();
    }

    @Test
    void theBrokerClosesTheConnectionOfAClientWhoseTopicIsNotUtf8() {
        assertThat(figures.invalidTopicsSent()).isEqualTo(4);
        assertThat(figures.invalidTopicsRefused()).isEqualTo(4);
    }

    @Test
    void progressSaysHowFarTheFuzzingIs() {
        assertThat(progress).contains("sent 2,000 of 2,000 payloads");
        assertThat(figures.payloadsPerSecond()).isPositive();
    }
}
