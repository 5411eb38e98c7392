package io.cloudcut.cli;

import io.cloudcut.report.HtmlReportWriter;
import io.cloudcut.report.JUnitXmlWriter;
import io.cloudcut.report.JsonReportWriter;
import io.cloudcut.report.ObservationStream;
import io.cloudcut.testing.CliRun;
import io.cloudcut.testing.Project;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cloudcut report DIR} on the observations of a real run (short-outage, one device a model,
 * on the embedded broker; about 40 s): it gives back every output the run gave, to the byte, and
 * tells a stream cut short or corrupt (2, naming file and line) and one whose baseline was unhealthy (3).
 */
class ReportCommandTest {

    @TempDir
    static Path dir;

    static Path ran;
    static CliRun run;
    static List<String> lines;

    @BeforeAll
    static void runTheShortOutage() throws Exception {
        ran = dir.resolve("run");
        run = CliRun.measured("run", "scenarios/short-outage.yaml", "--project-dir", Project.root().toString(),
                "--devices-per-model", "1", "--report-dir", ran.toString());
        assertThat(run.exitCode()).as(run.transcript()).isIn(0, 1);
        assertThat(run.err()).contains("fleet: 4 devices instead of the scenario's 8 (x0.5): throttled services' rates");
        lines = Files.readAllLines(ran.resolve(ObservationStream.FILE_NAME));
    }

    @Test
    void theObservationsAloneGiveBackTheRunsReportJUnitXmlHtmlTableAndExitCode() throws Exception {
        Path copy = withObservations("copy", lines);

        CliRun report = CliRun.of("report", copy.toString());

        assertThat(report.exitCode()).as("stderr:%n%s", report.err()).isEqualTo(run.exitCode());
        assertThat(Files.readString(copy.resolve(JsonReportWriter.FILE_NAME)))
                .isEqualTo(Files.readString(ran.resolve(JsonReportWriter.FILE_NAME)));
        assertThat(Files.readString(copy.resolve(JUnitXmlWriter.FILE_NAME)))
                .isEqualTo(Files.readString(ran.resolve(JUnitXmlWriter.FILE_NAME)));
        assertThat(Files.readString(copy.resolve(HtmlReportWriter.FILE_NAME)))
                .isEqualTo(Files.readString(ran.resolve(HtmlReportWriter.FILE_NAME)));
        assertThat(report.out()).isEqualTo(run.out()).contains("FAIL_CLOSED", "expectations:");
    }

    @Test
    void outWritesTheReportElsewhereAndLeavesTheRunAlone() throws Exception {
        Path copy = withObservations("untouched", lines);
        Path elsewhere = dir.resolve("elsewhere");

        CliRun report = CliRun.of("report", copy.toString(), "--out", elsewhere.toString());

        assertThat(report.exitCode()).as("stderr:%n%s", report.err()).isEqualTo(run.exitCode());
        assertThat(Files.readString(elsewhere.resolve(JsonReportWriter.FILE_NAME)))
                .isEqualTo(Files.readString(ran.resolve(JsonReportWriter.FILE_NAME)));
        try (var files = Files.list(copy)) {
            assertThat(files).containsExactly(copy.resolve(ObservationStream.FILE_NAME));
        }
    }

    @Test
    void aFileCutInTheMiddleOfALineIsBadInputNamingFileAndLine() throws Exception {
        int cut = lines.size() / 2;
        List<String> truncated = new ArrayList<>(lines.subList(0, cut - 1));
        truncated.add(lines.get(cut - 1).substring(0, lines.get(cut - 1).length() / 2));
        Path copy = withObservations("cut-mid-line", truncated);

        CliRun report = CliRun.of("report", copy.toString());

        assertThat(report.exitCode()).isEqualTo(2);
        assertThat(report.errorLines()).singleElement().asString()
                .startsWith("error: " + copy.resolve(ObservationStream.FILE_NAME) + ":" + cut + ": ")
                .contains("not a JSON object");
        assertThat(copy.resolve(JsonReportWriter.FILE_NAME)).doesNotExist();
    }

    @Test
    void aFileCutBetweenLinesIsBadInputNamingItsLastLine() throws Exception {
        Path copy = withObservations("cut-between-lines", lines.subList(0, lines.size() - 3));

        CliRun report = CliRun.of("report", copy.toString());

        assertThat(report.exitCode()).isEqualTo(2);
        assertThat(report.errorLines()).singleElement().asString()
                .startsWith("error: " + copy.resolve(ObservationStream.FILE_NAME) + ":" + (lines.size() - 3) + ": ")
                .contains("before the run ended", "cut short");
    }

    @Test
    void aLineThatIsNoObservationIsBadInputNamingIt() throws Exception {
        List<String> corrupt = new ArrayList<>(lines);
        corrupt.set(4, new JsonObject().put("type", "probe").put("atMillis", "soon").encode());
        Path copy = withObservations("corrupt", corrupt);

        CliRun report = CliRun.of("report", copy.toString());

        assertThat(report.exitCode()).isEqualTo(2);
        assertThat(report.errorLines()).singleElement().asString()
                .startsWith("error: " + copy.resolve(ObservationStream.FILE_NAME) + ":5: not an observation");
    }

    @Test
    void aDirectoryWithoutObservationsIsBadInput() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));

        CliRun report = CliRun.of("report", empty.toString());

        assertThat(report.exitCode()).isEqualTo(2);
        assertThat(report.errorLines()).singleElement().asString()
                .contains(empty.resolve(ObservationStream.FILE_NAME).toString(), "no such file");
    }

    @Test
    void aStreamWhoseBaselineWasUnhealthyGivesNoVerdicts() throws Exception {
        List<String> unhealthy = lines.stream().map(JsonObject::new).map(line ->
                "health".equals(line.getString("type")) && "baseline".equals(line.getString("window"))
                        ? line.put("healthy", false).put("problems", new JsonArray().add("event-loop lag p99 900 ms"))
                        : line).map(JsonObject::encode).toList();
        assertThat(unhealthy).isNotEqualTo(lines);
        Path copy = withObservations("unhealthy", unhealthy);
        // An earlier run's outputs in the same directory, as a CI job that reuses it has them.
        Files.copy(ran.resolve(JsonReportWriter.FILE_NAME), copy.resolve(JsonReportWriter.FILE_NAME));
        Files.copy(ran.resolve(HtmlReportWriter.FILE_NAME), copy.resolve(HtmlReportWriter.FILE_NAME));
        Files.copy(ran.resolve(JUnitXmlWriter.FILE_NAME), copy.resolve(JUnitXmlWriter.FILE_NAME));

        CliRun report = CliRun.of("report", copy.toString());

        assertThat(report.exitCode()).isEqualTo(3);
        assertThat(report.err()).contains("no verdicts", "event-loop lag p99 900 ms");
        assertThat(copy.resolve(JsonReportWriter.FILE_NAME)).as("not the earlier run's").doesNotExist();
        assertThat(copy.resolve(HtmlReportWriter.FILE_NAME)).doesNotExist();
        Element suite = junitXml(copy);
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
        int cases = suite.getElementsByTagName("testcase").getLength();
        int verdicts = suite.getElementsByTagName("skipped").getLength();
        assertThat(verdicts).as("the model verdicts, skipped").isPositive();
        assertThat(suite.getAttribute("errors")).as("each expectation and the harness's health").isEqualTo(String.valueOf(cases - verdicts));
        assertThat(suite.getElementsByTagName("error").item(0).getTextContent())
                .contains("its baseline was not healthy", "event-loop lag p99 900 ms");
    }

    @Test
    void anExpectationThatFailedWhileTheHarnessWasUnhealthyExits3_notAsTheDevicesFailure() throws Exception {
        List<String> failing = lines.stream().map(JsonObject::new).map(ReportCommandTest::expectingTooMuch)
                .map(JsonObject::encode).toList();
        List<String> failingOnAnUnhealthyHarness = failing.stream().map(JsonObject::new).map(line ->
                "health".equals(line.getString("type")) && "run".equals(line.getString("window"))
                        ? line.put("healthy", false).put("problems", new JsonArray().add("cloud service ingest fell behind"))
                        : line).map(JsonObject::encode).toList();
        assertThat(failingOnAnUnhealthyHarness).isNotEqualTo(failing);

        CliRun devicesFailed = CliRun.of("report", withObservations("expectation-failed", failing).toString());
        CliRun harnessUnhealthy = CliRun.of("report", withObservations("harness-unhealthy", failingOnAnUnhealthyHarness)
                .toString());

        assertThat(devicesFailed.exitCode()).as("stderr:%n%s", devicesFailed.err()).isEqualTo(1);
        assertThat(harnessUnhealthy.exitCode()).as("stderr:%n%s", harnessUnhealthy.err()).isEqualTo(3);
        assertThat(harnessUnhealthy.err()).contains("warning: later in the run cloud service ingest fell behind",
                "an expectation failed while the harness was not healthy");
        assertThat(List.of(devicesFailed.out(), harnessUnhealthy.out())).allSatisfy(verdicts -> assertThat(verdicts)
                .contains("FAIL  vacuum-cloud-locked over the outage: FAIL_CLOSED (needed at least LOCAL_FUNCTION_KEPT)"));
        Element devicesFailedXml = junitXml(dir.resolve("expectation-failed"));
        Element harnessUnhealthyXml = junitXml(dir.resolve("harness-unhealthy"));
        assertThat(List.of(devicesFailedXml.getAttribute("failures"), devicesFailedXml.getAttribute("errors"))).containsExactly("1", "0");
        assertThat(List.of(harnessUnhealthyXml.getAttribute("failures"), harnessUnhealthyXml.getAttribute("errors")))
                .as("the harness's doubt, as exit 3 is").containsExactly("0", "1");
        assertThat(harnessUnhealthyXml.getElementsByTagName("error").item(0).getTextContent())
                .contains("FAIL_CLOSED (needed at least LOCAL_FUNCTION_KEPT)", "cloud service ingest fell behind");
    }

    private static Element junitXml(Path directory) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(directory.resolve(JUnitXmlWriter.FILE_NAME).toFile()).getDocumentElement();
    }

    /** The cloud-locked vacuum expected to keep its local functions, which it has none of: a failing expectation. */
    private static JsonObject expectingTooMuch(JsonObject line) {
        if ("run-started".equals(line.getString("type"))) {
            JsonObject first = line.getJsonArray("expectations").getJsonObject(0);
            assertThat(first.getString("model")).isEqualTo("vacuum-cloud-locked");
            first.put("verdict", "local-function-kept");
        }
        return line;
    }

    private static Path withObservations(String name, List<String> observations) throws Exception {
        Path copy = Files.createDirectories(dir.resolve(name));
        Files.write(copy.resolve(ObservationStream.FILE_NAME), observations);
        return copy;
    }
}
