package com.example.doorbell;

import io.cloudcut.junit.CloudCutScenario;
import io.cloudcut.junit.ResilienceResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What our front-door doorbell must survive when our event stream goes down for three hours: one run
 * of the scenario, shared by every test of the class.
 */
@CloudCutScenario(value = "scenarios/event-stream-down.yaml", projectDir = "cloudcut", reportDir = "target/cloudcut")
class FrontDoorResilienceTest {

    @Test
    void theChimeRingsThroughTheOutage(ResilienceResult result) {
        result.model("front-door").function("chime").during("ingest-down").isKept();
    }

    @Test
    void everyDoorbellIsBackSoonAfter(ResilienceResult result) {
        result.everyDeviceRecovered()
                .recoveryP95Under(Duration.ofMinutes(15))
                .meetsItsExpectations();
    }

    /**
     * What we know we lose while the stream is down, written as the wrong beliefs it disproves, so
     * that the day a firmware change fixes one of them this test says so.
     */
    @Test
    void pushesDoNotSurviveTheOutage_andEventsTheBrokerTookWhileIngestWasDownAreLost(ResilienceResult result) {
        AssertionError pushes = assertThrows(AssertionError.class, () ->
                result.model("front-door").function("push-notification").during("ingest-down").isKept());
        assertEquals("push-notification of front-door during ingest-down: LOST (needed at least KEPT)", pushes.getMessage());

        AssertionError events = assertThrows(AssertionError.class, result::noEventLostInCloud);
        assertTrue(events.getMessage().matches("\\d+ events lost in the cloud \\(needed at most 0\\)"), events.getMessage());
    }
}
