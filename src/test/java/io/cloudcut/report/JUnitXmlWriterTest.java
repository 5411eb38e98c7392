package io.cloudcut.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.cloudcut.observation.ProbeOutcome.OK;
import static io.cloudcut.observation.ProbeOutcome.REFUSED;
import static io.cloudcut.report.RunFixture.all;
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
}
