package io.cloudcut.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.cloudcut.observation.HealthObserved;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.cloudcut.observation.ProbeOutcome.OK;
import static io.cloudcut.observation.ProbeOutcome.REFUSED;
import static io.cloudcut.report.RunFixture.all;
import static io.cloudcut.report.RunFixture.health;
import static org.assertj.core.api.Assertions.assertThat;

/** junit.xml as a CI server reads it: a suite for the scenario, a case per expectation and per model verdict. */
class JUnitXmlWriterTest {

    @TempDir
    Path dir;

    @Test
    void aFailedExpectationCarriesItsFigureAndModelVerdictsPassSayingTheirRung() throws Exception {
        RunReport report = RunFixture.baselineAndOutage(SampleModels.CLOUD_LOCKED, 1, Duration.ofHours(2))
                .rounds("outage", 2, SampleModels.CLOUD_LOCKED.id(), all(SampleModels.CLOUD_LOCKED, REFUSED))
                .report().withExpectations(List.of(
                        new ExpectationResult("vacuum-cloud-locked over the outage: at least FULLY_AVAILABLE", false,
                                "vacuum-cloud-locked over the outage: FAIL_CLOSED (needed at least <FULLY_AVAILABLE> & \"more\")"),
                        new ExpectationResult("every device recovered", true, "1 of 1 devices recovered")));

        Path file = new JUnitXmlWriter().write(report, dir);

        Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()).getDocumentElement();
        assertThat(file.getFileName().toString()).isEqualTo("junit.xml");
        assertThat(suite.getAttribute("name")).isEqualTo("made-up");
        assertThat(suite.getAttribute("tests")).isEqualTo("3");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        assertThat(suite.getAttribute("time")).isEqualTo("1.000");
        Element failed = (Element) suite.getElementsByTagName("testcase").item(0);
        assertThat(failed.getAttribute("classname")).isEqualTo("cloudcut.made-up");
        Element failure = (Element) failed.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).as("escaped and read back whole")
                .isEqualTo("vacuum-cloud-locked over the outage: FAIL_CLOSED (needed at least <FULLY_AVAILABLE> & \"more\")");
        assertThat(failure.getTextContent()).isEqualTo(failure.getAttribute("message"));
        Element verdict = (Element) suite.getElementsByTagName("testcase").item(2);
        assertThat(verdict.getAttribute("name")).isEqualTo("verdict of vacuum-cloud-locked");
        assertThat(verdict.getElementsByTagName("failure").getLength()).isZero();
        assertThat(verdict.getElementsByTagName("system-out").item(0).getTextContent())
                .isEqualTo("vacuum-cloud-locked: FAIL_CLOSED; outage: FAIL_CLOSED");
    }

    @Test
    void aRunWithoutExpectationsHasOnlyItsModelVerdicts() throws Exception {
        RunReport report = RunFixture.baselineAndOutage(SampleModels.LOCAL_FIRST, 1, Duration.ofHours(1))
                .rounds("outage", 2, SampleModels.LOCAL_FIRST.id(), all(SampleModels.LOCAL_FIRST, OK)).report();

        Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new JUnitXmlWriter().write(report, dir).toFile()).getDocumentElement();

        assertThat(suite.getAttribute("tests")).isEqualTo("1");
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
    }

    @Test
    void aHealthyHarnessIsACaseOfItsOwnThatPasses() throws Exception {
        Element suite = writtenWith(health(HealthObserved.Window.BASELINE, true), health(HealthObserved.Window.RUN, true));

        assertThat(counts(suite)).as("tests, failures, errors, skipped").containsExactly("4", "1", "0", "0");
        Element harness = testcase(suite, JUnitXmlWriter.HARNESS_CASE);
        assertThat(harness.getChildNodes().getLength()).as("no failure, error or skip").isEqualTo(1);
        assertThat(harness.getElementsByTagName("system-out").item(0).getTextContent()).isEqualTo("healthy over the baseline");
    }

    @Test
    void aBaselineTheHarnessCouldNotMeasure_makesItsCaseAndEveryExpectationAnError_andSkipsTheVerdicts() throws Exception {
        Element suite = writtenWith(health(HealthObserved.Window.BASELINE, false));

        assertThat(counts(suite)).as("errors: both expectations, met or not, and the harness; the verdict skipped")
                .containsExactly("4", "0", "3", "1");
        String refusal = "no verdicts: the harness could not measure this run (its baseline was not healthy): event-loop lag p99 900 ms";
        for (String name : List.of("every device recovered", JUnitXmlWriter.HARNESS_CASE)) {
            Element error = (Element) testcase(suite, name).getElementsByTagName("error").item(0);
            assertThat(error.getAttribute("type")).isEqualTo("harness");
            assertThat(error.getAttribute("message")).isEqualTo(refusal);
        }
        Element verdict = testcase(suite, "verdict of vacuum-cloud-locked");
        assertThat(((Element) verdict.getElementsByTagName("skipped").item(0)).getAttribute("message")).isEqualTo(refusal);
        assertThat(verdict.getElementsByTagName("system-out").getLength()).as("no verdict shown").isZero();
    }

    @Test
    void anExpectationFailedWhileTheHarnessWasNotHealthyLater_isAnErrorGivingBoth_andAMetOnePasses() throws Exception {
        Element suite = writtenWith(health(HealthObserved.Window.BASELINE, true), health(HealthObserved.Window.RUN, false));

        assertThat(counts(suite)).containsExactly("4", "0", "1", "0");
        Element error = (Element) testcase(suite, "vacuum-cloud-locked over the outage: at least FULLY_AVAILABLE")
                .getElementsByTagName("error").item(0);
        assertThat(error.getAttribute("message")).isEqualTo("vacuum-cloud-locked over the outage: FAIL_CLOSED (needed at least "
                + "FULLY_AVAILABLE); the harness was not healthy later in the run (event-loop lag p99 900 ms): the failure may be "
                + "the harness's, not the devices'");
        assertThat(testcase(suite, "every device recovered").getChildNodes().getLength()).isZero();
        assertThat(testcase(suite, JUnitXmlWriter.HARNESS_CASE).getElementsByTagName("system-out").item(0).getTextContent())
                .isEqualTo("healthy over the baseline; not later in the run: event-loop lag p99 900 ms");
    }

    @Test
    void anInterruptedRunIsAnErrorSayingWhereItStopped_whateverItsExpectationsSay() throws Exception {
        RunReport whole = RunFixture.baselineAndOutage(SampleModels.LOCAL_FIRST, 1, Duration.ofHours(1))
                .rounds("outage", 2, SampleModels.LOCAL_FIRST.id(), all(SampleModels.LOCAL_FIRST, OK)).report()
                .withExpectations(List.of(new ExpectationResult("every device recovered", true, "1 of 1 devices recovered")));
        RunReport interrupted = new RunReport(whole.scenario(), whole.description(), whole.broker(), whole.timeScale(),
                whole.wallSeconds(), true, whole.phases(), whole.services(), whole.models(), whole.harness(), whole.expectations());

        Element suite = parsed(new JUnitXmlWriter().write(interrupted, dir));

        assertThat(counts(suite)).containsExactly("3", "0", "1", "0");
        Element error = (Element) testcase(suite, JUnitXmlWriter.INTERRUPTED_CASE).getElementsByTagName("error").item(0);
        assertThat(error.getAttribute("type")).isEqualTo("interrupted");
        assertThat(error.getAttribute("message")).isEqualTo(TerminalTable.interruption(interrupted))
                .startsWith("INTERRUPTED: the run was stopped before its timeline ended");
        assertThat(counts(parsed(new JUnitXmlWriter().write(whole, dir)))).containsExactly("2", "0", "0", "0");
    }

    /** junit.xml of a run of one cloud-locked vacuum, an expectation it failed and one it met, with this health. */
    private Element writtenWith(HealthObserved... health) throws Exception {
        RunFixture run = RunFixture.baselineAndOutage(SampleModels.CLOUD_LOCKED, 1, Duration.ofHours(2))
                .rounds("outage", 2, SampleModels.CLOUD_LOCKED.id(), all(SampleModels.CLOUD_LOCKED, REFUSED));
        for (HealthObserved observed : health) {
            run.observe(observed);
        }
        RunReport report = run.report().withExpectations(List.of(
                        new ExpectationResult("vacuum-cloud-locked over the outage: at least FULLY_AVAILABLE", false,
                                "vacuum-cloud-locked over the outage: FAIL_CLOSED (needed at least FULLY_AVAILABLE)"),
                        new ExpectationResult("every device recovered", true, "1 of 1 devices recovered")));
        return parsed(new JUnitXmlWriter().write(report, dir));
    }

    private static List<String> counts(Element suite) {
        return List.of(suite.getAttribute("tests"), suite.getAttribute("failures"), suite.getAttribute("errors"),
                suite.getAttribute("skipped"));
    }

    private static Element parsed(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()).getDocumentElement();
    }

    private static Element testcase(Element suite, String name) {
        NodeList cases = suite.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            if (((Element) cases.item(i)).getAttribute("name").equals(name)) {
                return (Element) cases.item(i);
            }
        }
        throw new AssertionError("no testcase " + name);
    }
}
