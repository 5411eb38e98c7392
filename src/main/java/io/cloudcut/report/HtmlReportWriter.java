package io.cloudcut.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code report.html}: the run for people, in one file that opens from disk with no network: the
 * verdict matrix, and charts of the devices connected, of availability and the verdict timeline, of
 * the time to recover and of where events ended. The charting library (uPlot, from its webjar on the
 * classpath) and the page's data are inlined; the data is aggregated by time bucket, so a large
 * fleet still makes a small page.
 */
public final class HtmlReportWriter {

    public static final String FILE_NAME = "report.html";

    private static final String TEMPLATE = "report-template.html";
    private static final String WEBJAR = "META-INF/resources/webjars/uplot/";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    /** Writes the page for a run's report and the observations it was computed from, folded. */
    public Path write(RunReport report, RunFold run, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(FILE_NAME);
        Files.writeString(file, render(ReportPage.of(report, run)), StandardCharsets.UTF_8);
        return file;
    }

    static String render(ReportPage page) throws IOException {
        String uplot = WEBJAR + uplotVersion() + "/dist/";
        Map<String, String> values = Map.of(
                "TITLE", escapeHtml(page.scenario()),
                "UPLOT_CSS", resource(uplot + "uPlot.min.css"),
                "UPLOT_JS", inlineScript(resource(uplot + "uPlot.iife.min.js")),
                // "</" would end the script element the data sits in; "<\/" is the same JSON string
                "DATA", MAPPER.writeValueAsString(page).replace("</", "<\\/"));
        Matcher placeholder = PLACEHOLDER.matcher(resource("io/cloudcut/report/" + TEMPLATE));
        StringBuilder html = new StringBuilder();
        while (placeholder.find()) {
            String value = values.get(placeholder.group(1));
            if (value == null) {
                throw new IllegalStateException(TEMPLATE + " names an unknown value: " + placeholder.group());
            }
            placeholder.appendReplacement(html, Matcher.quoteReplacement(value));
        }
        placeholder.appendTail(html);
        return html.toString();
    }

    /** The version of the uPlot webjar on the classpath, from its Maven metadata: the path of its files holds it. */
    private static String uplotVersion() throws IOException {
        Properties pom = new Properties();
        try (InputStream in = open("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            pom.load(in);
        }
        return pom.getProperty("version");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = open(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static InputStream open(String name) throws IOException {
        InputStream in = HtmlReportWriter.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("not on the classpath: " + name);
        }
        return in;
    }

    /** Library code as it is; one that closed the script element it is inlined into would break the page. */
    private static String inlineScript(String code) {
        if (code.toLowerCase(java.util.Locale.ROOT).contains("</script")) {
            throw new IllegalStateException("the charting library cannot be inlined: it contains </script");
        }
        return code;
    }

    private static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
