package io.cloudcut.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code report.json}: the whole report for machines. */
public final class JsonReportWriter implements ReportWriter {

    public static final String FILE_NAME = "report.json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    @Override
    public Path write(RunReport report, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(FILE_NAME);
        MAPPER.writeValue(file.toFile(), report);
        return file;
    }

    /** Reads a report back, for tests and tools that compare runs. */
    public static RunReport read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), RunReport.class);
    }
}
