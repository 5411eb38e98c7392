package io.cloudcut.report;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code junit.xml}: the run as CI servers read test results (the Surefire/Ant format). One
 * {@code testsuite} named after the scenario; one {@code testcase} per expectation, failed with its
 * figure when the run did not meet it, and one per model verdict, which passes and says the rung
 * (a verdict fails a build only through an expectation about it).
 */
public final class JUnitXmlWriter implements ReportWriter {

    public static final String FILE_NAME = "junit.xml";

    @Override
    public Path write(RunReport report, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(FILE_NAME);
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            write(report, xml);
            xml.close();
        } catch (XMLStreamException unwritable) {
            throw new IOException("cannot write " + file + ": " + unwritable.getMessage(), unwritable);
        }
        return file;
    }

    private static void write(RunReport report, XMLStreamWriter xml) throws XMLStreamException {
        String classname = "cloudcut." + report.scenario();
        long failures = report.expectations().stream().filter(result -> !result.met()).count();
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", report.scenario());
        xml.writeAttribute("tests", String.valueOf(report.expectations().size() + report.models().size()));
        xml.writeAttribute("failures", String.valueOf(failures));
        xml.writeAttribute("errors", "0");
        xml.writeAttribute("skipped", "0");
        xml.writeAttribute("time", seconds(report.wallSeconds()));
        for (ExpectationResult result : report.expectations()) {
            startCase(xml, result.expectation(), classname);
            if (!result.met()) {
                xml.writeStartElement("failure");
                xml.writeAttribute("message", result.figure());
                xml.writeAttribute("type", "expectation");
                xml.writeCharacters(result.figure());
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
        for (ModelReport model : report.models()) {
            startCase(xml, "verdict of " + model.model(), classname);
            xml.writeStartElement("system-out");
            xml.writeCharacters(model.model() + ": " + (model.verdict() == null ? "no verdict" : model.verdict().name())
                    + model.phases().entrySet().stream().map(phase -> "; " + phase.getKey() + ": " + phase.getValue())
                    .collect(Collectors.joining()));
            xml.writeEndElement();
            xml.writeEndElement();
        }
        xml.writeCharacters("\n");
        xml.writeEndElement();
        xml.writeCharacters("\n");
        xml.writeEndDocument();
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
