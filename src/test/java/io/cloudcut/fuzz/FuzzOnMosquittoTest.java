package io.cloudcut.fuzz;

import io.cloudcut.testing.Mosquitto;
import io.cloudcut.testing.Project;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded fuzz run through Mosquitto instead of the embedded broker: a topic that is not UTF-8 is
 * refused there too (Mosquitto closes the connection), every reader counts exactly what it had to
 * reject, and every device still answers.
 */
class FuzzOnMosquittoTest {

    @Test
    void mosquittoRefusesTopicsThatAreNotUtf8_andTheReadersCountWhatTheyHadToReject() throws Exception {
        FuzzFigures figures;
        try (Mosquitto mosquitto = Mosquitto.start()) {
            figures = new FuzzRun(new FuzzSettings(Project.root(), 1_000, 7,
                    List.of("vacuum-local-first", "doorbell-local-chime"), 3, mosquitto.uri()), progress -> { }).run();
        }

        assertThat(figures.invalidTopicsSent()).isEqualTo(3);
        assertThat(figures.invalidTopicsRefused()).as("connections Mosquitto closed for a topic that is not UTF-8")
                .isEqualTo(3);
        assertThat(figures.readers()).allSatisfy(reader -> assertThat(reader.rejected())
                .as("what %s counted as malformed", reader.reader()).isEqualTo(reader.expectedRejected()));
        assertThat(figures.passed()).isTrue();
    }
}
