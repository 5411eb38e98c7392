package io.cloudcut.cli;

import io.cloudcut.report.JsonReportWriter;
import io.cloudcut.report.RunReport;
import io.cloudcut.testing.CliRun;
import io.cloudcut.testing.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small scenario through the command line on the embedded broker (one doorbell, ingest down for an
 * hour; about 12 s each): met expectations exit 0, a failed one exits 1 and says which and why,
 * on the terminal, in report.json and in junit.xml, which is read back as a CI server would.
 */
class ExpectationsEndToEndTest {

    private static final String SCENARIO = """
            name: %s
            timeScale: 3600
            probe: {rounds: 2, timeout: 1500ms}
            fleet: [{model: doorbell-local-chime}]
            phases:
              - {name: baseline, kind: baseline, duration: 1h}
              - {name: ingest-down, kind: outage, duration: 1h, faults: [{service: ingest, fault: down}]}
            expect:
              - {model: doorbell-local-chime, function: chime, phase: ingest-down, verdict: kept}
              - {model: doorbell-local-chime, function: chime, phase: ingest-down, okAtLeast: 50%%}
              - {model: doorbell-local-chime, verdict: local-function-kept}
            %s""";

    @TempDir
    Path dir;

    @Test
    void metExpectationsExitZeroAndPassInJUnitXml() throws Exception {
        CliRun run = run("doorbell-holds", "");

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.out()).contains("expectations: 3 of 3 met",
                "PASS  chime of doorbell-local-chime during ingest-down: KEPT (needed at least KEPT)");
        Element suite = junitXml("doorbell-holds");
        assertThat(suite.getAttribute("name")).isEqualTo("doorbell-holds");
        assertThat(suite.getAttribute("tests")).as("3 expectations, 1 model verdict and the harness's health").isEqualTo("5");
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        assertThat(testcases(suite)).extracting(testcase -> testcase.getAttribute("classname"))
                .containsOnly("cloudcut.doorbell-holds");
        assertThat(suite.getElementsByTagName("failure").getLength()).isZero();
    }

    @Test
    void aFailedExpectationExitsOneNamingItAndItsFigure() throws Exception {
        CliRun run = run("doorbell-push", "  - {model: doorbell-local-chime, function: push-notification, "
                + "phase: ingest-down, verdict: kept}\n");

        String figure = "push-notification of doorbell-local-chime during ingest-down: LOST (needed at least KEPT)";
        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(1);
        assertThat(run.out()).contains("expectations: 3 of 4 met", "FAIL  " + figure);
        RunReport report = JsonReportWriter.read(dir.resolve("doorbell-push/report.json"));
        assertThat(report.expectations()).filteredOn(result -> !result.met()).singleElement()
                .satisfies(failed -> assertThat(failed.figure()).isEqualTo(figure));

        Element suite = junitXml("doorbell-push");
        assertThat(suite.getAttribute("tests")).isEqualTo("6");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        Element failed = testcases(suite).stream().filter(testcase -> testcase.getElementsByTagName("failure").getLength() > 0)
                .findFirst().orElseThrow();
        assertThat(failed.getAttribute("name"))
                .isEqualTo("push-notification of doorbell-local-chime during ingest-down: at least KEPT");
        Element failure = (Element) failed.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo(figure);
        assertThat(failure.getTextContent()).isEqualTo(figure);
    }

    private CliRun run(String name, String moreExpectations) throws Exception {
        Path scenario = Files.writeString(dir.resolve(name + ".yaml"), SCENARIO.formatted(name, moreExpectations));
        return CliRun.measured("run", scenario.toString(), "--project-dir", Project.root().toString(),
                "--report-dir", dir.resolve(name).toString());
    }

    private Element junitXml(String name) throws Exception {
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(dir.resolve(name).resolve("junit.xml").toFile());
        Element suite = document.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(Double.parseDouble(suite.getAttribute("time"))).isPositive();
        return suite;
    }

    private static List<Element> testcases(Element suite) {
        NodeList nodes = suite.getElementsByTagName("testcase");
        List<Element> testcases = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            testcases.add((Element) nodes.item(i));
        }
        return testcases;
    }
}
