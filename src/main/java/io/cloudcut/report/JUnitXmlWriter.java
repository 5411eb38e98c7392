package io.cloudcut.report;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code junit.xml}: the run as CI servers read test results (the Surefire/Ant format). One
 * {@code testsuite} named after the scenario; one {@code testcase} per expectation, failed with its
 * figure when the run did not meet it, one per model verdict, which passes and says the rung
 * (a verdict fails a build only through an expectation about it), and one for the harness's health
 * over the baseline. What the harness could not measure is an error, not the devices' failure, as the
 * command line's exit code 3 is: with a baseline that was not healthy, the harness's case and every
 * expectation's are errors that say why and the verdicts are skipped; an expectation that failed while
 * the harness was not healthy later in the run is an error that says both. An interrupted run, which exits 3 whatever
 * its expectations say of what it observed, has an error case that says where it stopped.
 */
public final class JUnitXmlWriter implements ReportWriter {

    public static final String FILE_NAME = "junit.xml";
    static final String HARNESS_CASE = "harness health over the baseline";
    static final String INTERRUPTED_CASE = "the run played its whole timeline";

    private enum Outcome { PASSED, FAILURE, ERROR, SKIPPED }

    /** One testcase: its outcome, with the message and type of a failure, error or skip, and what it says on system-out. */
    private record Case(String name, Outcome outcome, String type, String message, String out) {

        static Case passed(String name, String out) {
            return new Case(name, Outcome.PASSED, null, null, out);
        }
    }

    @Override
    public Path write(RunReport report, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(FILE_NAME);
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            write(report, cases(report), xml);
            xml.close();
        } catch (XMLStreamException unwritable) {
            throw new IOException("cannot write " + file + ": " + unwritable.getMessage(), unwritable);
        }
        return file;
    }

    private static List<Case> cases(RunReport report) {
        HarnessReport harness = report.harness();
        Optional<String> refused = harness == null ? Optional.empty() : harness.verdictsRefused();
        Optional<String> inDoubt = harness == null ? Optional.empty() : harness.failuresInDoubt();
        List<Case> cases = new ArrayList<>();
        for (ExpectationResult result : report.expectations()) {
            if (refused.isPresent()) {
                cases.add(new Case(result.expectation(), Outcome.ERROR, "harness", refused.get(), null));
            } else if (!result.met() && inDoubt.isPresent()) {
                cases.add(new Case(result.expectation(), Outcome.ERROR, "harness", result.figure() + "; " + inDoubt.get(), null));
            } else if (!result.met()) {
                cases.add(new Case(result.expectation(), Outcome.FAILURE, "expectation", result.figure(), null));
            } else {
                cases.add(Case.passed(result.expectation(), null));
            }
        }
        for (ModelReport model : report.models()) {
            String name = "verdict of " + model.model();
            cases.add(refused.isPresent() ? new Case(name, Outcome.SKIPPED, null, refused.get(), null)
                    : Case.passed(name, model.model() + ": " + (model.verdict() == null ? "no verdict" : model.verdict().name())
                            + model.phases().entrySet().stream().map(phase -> "; " + phase.getKey() + ": " + phase.getValue())
                            .collect(Collectors.joining())));
        }
        if (report.interrupted()) {
            cases.add(new Case(INTERRUPTED_CASE, Outcome.ERROR, "interrupted", TerminalTable.interruption(report), null));
        }
        if (harness != null && harness.baseline() != null) {
            cases.add(refused.isPresent() ? new Case(HARNESS_CASE, Outcome.ERROR, "harness", refused.get(), null)
                    : Case.passed(HARNESS_CASE, "healthy over the baseline" + (inDoubt.isEmpty() ? ""
                            : "; not later in the run: " + String.join("; ", harness.problemsAfterTheBaseline()))));
        }
        return cases;
    }

    private static void write(RunReport report, List<Case> cases, XMLStreamWriter xml) throws XMLStreamException {
        String classname = "cloudcut." + report.scenario();
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", report.scenario());
        xml.writeAttribute("tests", String.valueOf(cases.size()));
        xml.writeAttribute("failures", String.valueOf(count(cases, Outcome.FAILURE)));
        xml.writeAttribute("errors", String.valueOf(count(cases, Outcome.ERROR)));
        xml.writeAttribute("skipped", String.valueOf(count(cases, Outcome.SKIPPED)));
        xml.writeAttribute("time", seconds(report.wallSeconds()));
        for (Case testcase : cases) {
            startCase(xml, testcase.name(), classname);
            switch (testcase.outcome()) {
                case FAILURE, ERROR -> {
                    xml.writeStartElement(testcase.outcome() == Outcome.FAILURE ? "failure" : "error");
                    xml.writeAttribute("message", testcase.message());
                    xml.writeAttribute("type", testcase.type());
                    xml.writeCharacters(testcase.message());
                    xml.writeEndElement();
                }
                case SKIPPED -> {
                    xml.writeEmptyElement("skipped");
                    xml.writeAttribute("message", testcase.message());
                }
                case PASSED -> {
                }
            }
            if (testcase.out() != null) {
                xml.writeStartElement("system-out");
                xml.writeCharacters(testcase.out());
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
        xml.writeCharacters("\n");
        xml.writeEndElement();
        xml.writeCharacters("\n");
        xml.writeEndDocument();
    }

    private static long count(List<Case> cases, Outcome outcome) {
        return cases.stream().filter(testcase -> testcase.outcome() == outcome).count();
    }

    private static void startCase(XMLStreamWriter xml, String name, String classname) throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("name", name);
        xml.writeAttribute("classname", classname);
        xml.writeAttribute("time", "0");
    }

    private static String seconds(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
