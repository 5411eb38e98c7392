package io.cloudcut.report;

import io.cloudcut.observation.ConnectsStuckObserved;
import io.cloudcut.testing.Chromium;
import io.cloudcut.testing.CliRun;
import io.cloudcut.testing.Project;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * report.html of a real run (short-outage, one device per model, through the command line: about
 * 30 s) opened from disk in Debian's headless Chromium: the matrix has a row per model and a row
 * per function, every chart drew a canvas from series with data, the console has no error, and the
 * page asked for nothing over the network (every request it made is in Chromium's performance log;
 * a proxy that refuses all keeps any from leaving the machine).
 */
class HtmlReportInChromiumTest {

    private static final List<String> CHARTS = List.of("connected", "availability", "timeline", "recovery", "events");

    @TempDir
    static Path dir;

    private static RunReport report;
    private static ChromeDriver browser;

    @BeforeAll
    static void runAndOpen() throws Exception {
        CliRun run = CliRun.measured("run", Project.file("scenarios/short-outage.yaml").toString(), "--devices-per-model", "1",
                "--project-dir", Project.root().toString(), "--report-dir", dir.toString());
        // 1 when an expectation of the scenario failed: the page is what this test is about, and it
        // shows a failed expectation as well as a met one.
        assertThat(run.exitCode()).as(run.transcript()).isIn(0, 1);
        assertThat(run.err()).contains("report.html");
        report = JsonReportWriter.read(dir.resolve(JsonReportWriter.FILE_NAME));
        browser = Chromium.start(dir);
        Chromium.openReport(browser, dir.resolve(HtmlReportWriter.FILE_NAME));
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theMatrixHasARowPerModelWithItsHeadlineAndOnePerFunction() {
        assertThat(browser.findElements(By.cssSelector("#matrix tr.model")))
                .extracting(row -> row.getDomAttribute("data-model"))
                .containsExactlyElementsOf(report.models().stream().map(ModelReport::model).toList());
        assertThat(browser.findElements(By.cssSelector("#matrix tr.model td:last-child .rung")))
                .extracting(badge -> badge.getText())
                .containsExactlyElementsOf(report.models().stream().map(model -> model.verdict().name()).toList());
        assertThat(browser.findElements(By.cssSelector("#matrix tr.function")))
                .hasSize(report.models().stream().mapToInt(model -> model.functions().size()).sum());
        assertThat(browser.findElements(By.cssSelector("#matrix td.LOST"))).as("cloud functions lost in the outage")
                .isNotEmpty();
    }

    /** The short outage's blackhole left every device's attempts unanswered: the page lists them as the terminal does. */
    @Test
    void connectsRefusedOrUnansweredAreListedPerModelAndCause() {
        assertThat(browser.findElement(By.cssSelector("#refusals h3")).getText()).isEqualTo("Connects refused or unanswered");
        assertThat(browser.findElements(By.cssSelector("#refusals li"))).extracting(WebElement::getText)
                .containsExactlyElementsOf(report.models().stream().flatMap(model -> model.reconnect().refusedDevices()
                        .entrySet().stream().map(cause -> model.model() + ": " + cause.getValue()
                                + (cause.getValue() == 1 ? " device was" : " devices were") + " refused (" + cause.getKey() + ")"))
                        .toList())
                .contains("vacuum-cloud-locked: 1 device was refused (no CONNACK within 1000 ms)");
    }

    /** What the devices noticed, how they came back, their events: the terminal's second table, cell for cell. */
    @Test
    void theDevicesFiguresAreTheTerminalsTable() {
        assertThat(browser.findElements(By.cssSelector("#device-figures th"))).extracting(WebElement::getText)
                .containsExactlyElementsOf(TerminalTable.SUMMARY_HEADER);
        List<List<String>> rows = browser.findElements(By.cssSelector("#device-figures tbody tr")).stream()
                .map(row -> row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList()).toList();
        assertThat(rows).containsExactlyElementsOf(TerminalTable.summaryRows(report));
        assertThat(rows).as("the blackhole cut every device, and each reconnected").allSatisfy(row ->
                assertThat(row.get(TerminalTable.SUMMARY_HEADER.indexOf("reconnect p50 / max"))).isNotEqualTo("-"));
    }

    @Test
    void theHarnessSaysWhatTheTerminalSaidOfIt() {
        assertThat(browser.findElements(By.cssSelector("#harness li"))).extracting(WebElement::getText)
                .containsExactlyElementsOf(TerminalTable.harnessLines(report)).first().asString().startsWith("harness: ");
        boolean healthy = report.harness().baseline().healthy() && report.harness().run().healthy();
        assertThat(browser.findElement(By.id("harness")).getDomAttribute("class")).isEqualTo(healthy ? "harness" : "harness unhealthy");
        assertThat(browser.findElement(By.id("in-doubt")).isDisplayed()).as("a failure said to be perhaps the harness's")
                .isEqualTo(!healthy && !report.expectationsMet());
    }

    @Test
    void everyChartDrewItsSeriesFromData() {
        for (String chart : CHARTS) {
            assertThat(browser.findElements(By.cssSelector("#chart-" + chart + " canvas"))).as(chart).isNotEmpty();
            Number points = (Number) script("const u = window.cloudcutCharts[arguments[0]];"
                    + " return u.data.slice(1).reduce((n, s) => n + s.filter(v => v != null).length, 0);", chart);
            Number series = (Number) script("return window.cloudcutCharts[arguments[0]].series.length - 1;", chart);
            assertThat(points.longValue()).as("points in %s", chart).isPositive();
            assertThat(series.longValue()).as("series in %s", chart).isPositive();
        }
        Number mostConnected = (Number) script("return Math.max(...window.cloudcutCharts.connected.data[1]);");
        assertThat(mostConnected.intValue()).as("all four devices connected at some point")
                .isEqualTo(report.models().stream().mapToInt(ModelReport::devices).sum());
        Number recovered = (Number) script("return window.cloudcutCharts.recovery.data[1].reduce((a, b) => a + b, 0);");
        assertThat(recovered.intValue()).isEqualTo(report.models().stream().mapToInt(m -> m.recovery().recovered()).sum());
    }

    /**
     * Connects a client left waiting for ever are listed per model as the terminal says them: none on the run's page
     * (Vert.x devices), and a run's whose Paho devices left some.
     */
    @Test
    void connectsLeftWaitingForEverAreListedPerModel(@TempDir Path pahoDir) throws Exception {
        assertThat(browser.findElements(By.cssSelector("#connects-waiting li"))).isEmpty();
        RunFixture paho = RunFixture.baselineAnswering(SampleModels.CLOUD_LOCKED, 5, 40)
                .observe(new ConnectsStuckObserved(7_200_000, "vacuum-cloud-locked-1", SampleModels.CLOUD_LOCKED.id(), 6))
                .observe(new ConnectsStuckObserved(7_200_000, "vacuum-cloud-locked-2", SampleModels.CLOUD_LOCKED.id(), 1_497));
        Path page = new HtmlReportWriter().write(paho.report(), RunFold.of(paho.observations()), pahoDir);
        ChromeDriver other = Chromium.start(pahoDir);
        try {
            Chromium.openReport(other, page);
            assertThat(other.findElement(By.cssSelector("#connects-waiting h3")).getText())
                    .isEqualTo("Connects left waiting for ever");
            assertThat(other.findElements(By.cssSelector("#connects-waiting li"))).extracting(WebElement::getText)
                    .containsExactly("vacuum-cloud-locked: 1,503 connects left waiting for ever by 2 devices' MQTT client "
                            + "(Paho 1.2.5, eclipse-paho/paho.mqtt.java#953): a real device keeps a thread for each");
        } finally {
            other.quit();
        }
    }

    /**
     * The run's page says what its report says on the slowdowns its baseline hides (a 4-device run says
     * nothing unless other work loaded the machine); a quiet baseline's page says nothing, a loaded one's says how much.
     */
    @Test
    void aBaselineThatHidesASlowdownIsSaidOnThePage(@TempDir Path quietDir, @TempDir Path loadedDir) throws Exception {
        String said = TerminalTable.latencyResolution(report);
        WebElement runNote = browser.findElement(By.id("latency-note"));
        assertThat(runNote.isDisplayed()).as("the run's note, its report saying '%s'", said).isEqualTo(!said.isEmpty());
        if (!said.isEmpty()) {
            assertThat(runNote.getText()).startsWith("A function read DEGRADED for latency only once");
        }
        RunFixture quiet = RunFixture.baselineAnswering(SampleModels.CLOUD_LOCKED, 5, 40).timeScale(10);
        Path quietPage = new HtmlReportWriter().write(quiet.report(), RunFold.of(quiet.observations()), quietDir);
        RunFixture loaded = RunFixture.baselineAnswering(SampleModels.CLOUD_LOCKED, 30, 300);
        Path loadedPage = new HtmlReportWriter().write(loaded.report(), RunFold.of(loaded.observations()), loadedDir);
        ChromeDriver other = Chromium.start(quietDir);
        try {
            Chromium.openReport(other, quietPage);
            assertThat(other.findElement(By.id("latency-note")).isDisplayed()).as("a quiet baseline's note").isFalse();
            Chromium.openReport(other, loadedPage);
            assertThat(other.findElement(By.id("latency-note")).getText())
                    .startsWith("A function read DEGRADED for latency only once its median grew by more than 650 ms (cloud)");
        } finally {
            other.quit();
        }
    }

    @Test
    void theConsoleHasNoError() {
        // proves the log is read at all: this line must come back, and nothing severe beside it
        script("console.info('cloudcut-test: console read')");
        List<LogEntry> entries = browser.manage().logs().get(LogType.BROWSER).getAll();
        assertThat(entries).anyMatch(entry -> entry.getMessage().contains("cloudcut-test: console read"));
        assertThat(entries).noneMatch(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue());
    }

    @Test
    void thePageAskedForNothingOverTheNetwork() {
        List<String> requested = browser.manage().logs().get(LogType.PERFORMANCE).getAll().stream()
                .map(LogEntry::getMessage).filter(message -> message.contains("\"Network.requestWillBeSent\""))
                .toList();
        assertThat(requested).as("the log holds the page's own load").anyMatch(message -> message.contains("file://"));
        assertThat(requested).noneMatch(message -> message.matches("(?s).*\"url\":\"(https?|wss?|ftp)://.*"));
        Number fetched = (Number) script("return performance.getEntriesByType('resource')"
                + ".filter(entry => !entry.name.startsWith('file:') && !entry.name.startsWith('data:')).length;");
        assertThat(fetched.intValue()).isZero();
    }

    private static Object script(String code, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(code, arguments);
    }
}
