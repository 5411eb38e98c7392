package io.cloudcut.report;

import io.cloudcut.observation.ClockObserved;
import io.cloudcut.observation.CloudReceivedObserved;
import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.EventsObserved;
import io.cloudcut.observation.ServiceObserved;
import io.cloudcut.observation.SessionObserved;
import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.PhaseKind;
import io.cloudcut.scenario.WireNames;
import io.cloudcut.testing.Project;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.cloudcut.observation.ProbeOutcome.OK;
import static io.cloudcut.observation.ProbeOutcome.REFUSED;
import static io.cloudcut.observation.ProbeOutcome.TIMED_OUT;
import static io.cloudcut.observation.ProbeOutcome.UNPROTECTED;
import static io.cloudcut.report.RunFixture.all;
import static org.assertj.core.api.Assertions.assertThat;

/** report.json as the verdict rules produce it matches schemas/report.schema.json, and reads back as written. */
class ReportSchemaTest {

    private static final DeviceModel LOCKED = SampleModels.CHILD_LOCK;
    private static final DeviceModel DOORBELL = SampleModels.CLOUD_CHIME;

    @TempDir
    Path dir;

    @Test
    void aReportFromTheVerdictRulesMatchesTheSchemaAndReadsBack() throws IOException {
        RunReport report = everyKindOfFinding().report().withExpectations(List.of(
                new ExpectationResult("every device recovered", false, "2 of 4 devices recovered, needed all")));
        Path file = new JsonReportWriter().write(report, dir);

        OutputUnit result = validate(new JsonObject(Files.readString(file)));

        assertThat(result.getValid()).as("%s", result.getErrors()).isTrue();
        assertThat(JsonReportWriter.read(file)).isEqualTo(report);
    }

    @Test
    void theSchemaRefusesAWordTheRulesNoLongerUse() throws IOException {
        Path file = new JsonReportWriter().write(everyKindOfFinding().report(), dir);
        JsonObject json = new JsonObject(Files.readString(file));
        json.getJsonArray("models").getJsonObject(0).put("verdict", "PARTIAL");

        assertThat(validate(json).getValid()).isFalse();
    }

    @Test
    void theSchemaNamesEveryVerdictWordOfTheRules() throws IOException {
        JsonObject defs = schema().getJsonObject("$defs");

        assertThat(defs.getJsonObject("modelVerdict").getJsonArray("enum").getList())
                .containsExactlyElementsOf(names(ModelVerdict.values()));
        assertThat(defs.getJsonObject("functionVerdict").getJsonArray("enum").getList())
                .containsExactlyElementsOf(names(FunctionVerdict.values()));
        assertThat(defs.getJsonObject("recoveryVerdict").getJsonArray("enum").getList())
                .containsExactlyElementsOf(names(RecoveryVerdict.values()));
    }

    /** A service is in a change only while it is not up. */
    @Test
    void theSchemaNamesEveryConditionAServiceIsNotUpIn() throws IOException {
        JsonObject condition = schema().getJsonObject("properties").getJsonObject("services").getJsonObject("items")
                .getJsonObject("properties").getJsonObject("condition");

        assertThat(condition.getJsonArray("enum").getList()).containsExactlyElementsOf(
                Arrays.stream(ServiceObserved.Condition.values()).filter(c -> c != ServiceObserved.Condition.UP)
                        .map(WireNames::of).toList());
    }

    /** Two outage phases, a change of rung, a security function failing open, each recovery verdict, events, services. */
    private static RunFixture everyKindOfFinding() {
        RunFixture run = new RunFixture().model(LOCKED, 3).model(DOORBELL)
                .phase("baseline", PhaseKind.BASELINE, Duration.ofHours(1))
                .phase("auth-down", PhaseKind.OUTAGE, Duration.ofHours(2))
                .phase("ingest-down", PhaseKind.OUTAGE, Duration.ofHours(2))
                .phase("recovery", PhaseKind.RECOVERY, Duration.ofHours(1))
                .rounds("baseline", 2, LOCKED.id(), all(LOCKED, OK))
                .rounds("baseline", 2, DOORBELL.id(), all(DOORBELL, OK))
                .rounds("auth-down", 2, LOCKED.id(), Map.of("clean-button", REFUSED, "child-lock", UNPROTECTED))
                .rounds("ingest-down", 2, LOCKED.id(), Map.of("clean-button", OK, "child-lock", REFUSED))
                .rounds("auth-down", 2, DOORBELL.id(), Map.of("chime", TIMED_OUT, "record-clip", OK, "live-view", TIMED_OUT))
                .state(Duration.ZERO, "vacuum-child-lock-1", "docked", true)
                .recovered("vacuum-child-lock-1", Duration.ofSeconds(42))
                .notRecovered("vacuum-child-lock-2", "docked, offline", false)
                .notRecovered("vacuum-child-lock-3", "docked, no session", true)
                .recovered("doorbell-cloud-chime-1", Duration.ofSeconds(7));
        long outage = run.start("auth-down").toMillis();
        // Every reason the clock changes its scale, each a second apart.
        for (ClockObserved.Why why : ClockObserved.Why.values()) {
            run.observe(new ClockObserved(outage + 1_000L * why.ordinal(), why == ClockObserved.Why.START ? 3600 : 1, why));
        }
        return run.observe(new ServiceObserved(outage, "auth", ServiceObserved.Condition.DOWN, "auth"))
                .observe(new ServiceObserved(outage, "commands", ServiceObserved.Condition.DOWN, "auth"))
                .observe(new ServiceObserved(outage + 7_200_000, "auth", ServiceObserved.Condition.UP, null))
                .observe(new SessionObserved(outage + 1_800_000, "vacuum-child-lock-1", LOCKED.id(), SessionObserved.Change.EXPIRED))
                .observe(ConnectionObserved.down(outage, "vacuum-child-lock-2", LOCKED.id(), "blackhole"))
                .observe(new EventsObserved(outage + 18_000_000, "vacuum-child-lock-1", LOCKED.id(), 10, 7, 1,
                        Map.of("overflow", 2L), 2, 5, false, 3))
                .observe(new CloudReceivedObserved(outage + 18_000_000, "vacuum-child-lock-1", 6, 1, 0));
    }

    private static OutputUnit validate(JsonObject report) throws IOException {
        Validator validator = Validator.create(JsonSchema.of(schema()),
                new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("https://cloudcut.io/schemas/"));
        return validator.validate(report);
    }

    private static JsonObject schema() throws IOException {
        return new JsonObject(Files.readString(Project.file("schemas/report.schema.json")));
    }

    private static java.util.List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
