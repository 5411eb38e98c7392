package io.cloudcut.dashboard;

import io.cloudcut.cli.CloudCutCommand;
import io.cloudcut.observation.Observation;
import io.cloudcut.observation.ProbeObserved;
import io.cloudcut.observation.RecoveryObserved;
import io.cloudcut.report.ExpectationResult;
import io.cloudcut.report.JsonReportWriter;
import io.cloudcut.report.ModelReport;
import io.cloudcut.report.ObservationStream;
import io.cloudcut.report.ObservationsReader;
import io.cloudcut.report.RunReport;
import io.cloudcut.testing.Chromium;
import io.cloudcut.testing.Project;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard of a real run (short-outage, one device per model, through the command line with
 * {@code --dashboard}: about 35 s), watched in Debian's headless Chromium while it goes: every tile
 * drawn green once the fleet is up, tiles drawn in another colour once the outage bites, the
 * verdicts (ladder and matrix) once the run is over with the devices back (each recovered device's
 * tile recovered, unless a probe since failed), and no request beyond the
 * dashboard itself, no console error. Then {@code cloudcut dashboard DIR} replays the same run to a
 * new page, which ends as the live one did, and counts the same probes on {@code /metrics}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardInChromiumTest {

    private static final Pattern URL = Pattern.compile("dashboard: (http://127\\.0\\.0\\.1:\\d+/)");
    private static final Duration RUN = Duration.ofSeconds(150);

    @TempDir
    static Path dir;

    private static ChromeDriver browser;
    private static List<Long> liveEnd;

    @BeforeAll
    static void openBrowser() throws Exception {
        browser = Chromium.start(dir);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @Order(1)
    void theLivePageShowsTheOutageBiteAndPassThenTheVerdicts() throws Exception {
        Path reportDir = dir.resolve("run");
        Command run = Command.start("run", Project.file("scenarios/short-outage.yaml").toString(), "--devices-per-model", "1",
                "--project-dir", Project.root().toString(), "--report-dir", reportDir.toString(), "--dashboard",
                "--dashboard-linger", "3s");
        URI page = run.awaitUrl();
        browser.get(page.toString());

        WebDriverWait watch = new WebDriverWait(browser, RUN, Duration.ofMillis(50));
        watch.withMessage(() -> "every tile connected: " + tiles()).until(shown -> tilesIn("CONNECTED") == 4);
        assertThat(colours()).as("connected tiles drawn in the connected colour").containsOnly(colour("CONNECTED"));

        watch.withMessage(() -> "a tile hit by the outage: " + tiles()).until(shown -> tilesIn("CONNECTED") < 4
                && "outage".equals(script("return window.cloudcutDashboard.status.phase")));
        List<Long> states = tiles();
        List<String> colours = colours();
        for (int tile = 0; tile < states.size(); tile++) {
            assertThat(colours.get(tile)).as("tile %d drawn in its state's colour", tile)
                    .isEqualTo(colour(stateName(states.get(tile))));
        }
        assertThat(colours).as("some tile drawn in another colour than connected").anyMatch(c -> !c.equals(colour("CONNECTED")));

        watch.withMessage(() -> "the verdicts: " + tiles()).until(shown -> !shown.findElements(By.cssSelector("#matrix tr.model")).isEmpty());
        assertThat(run.finished().exitCode).as("exit code (1: an expectation failed on a loaded machine); stderr:%n%s", run.err)
                .isIn(0, 1);
        RunReport report = JsonReportWriter.read(reportDir.resolve(JsonReportWriter.FILE_NAME));
        Map<String, String> expected = afterRecovery(observationsOf(reportDir));
        assertThat(expected).as("devices back after the outage").hasSize(
                report.models().stream().mapToInt(model -> model.recovery().recovered()).sum()).containsValue("RECOVERED");
        assertThat(tilesById()).as("tiles of the devices that recovered").containsAllEntriesOf(expected);
        assertThat(colours()).filteredOn(colour("RECOVERED")::equals).hasSize((int) tilesIn("RECOVERED"));
        assertTheVerdictsOf(report);
        liveEnd = tiles();

        assertOnlyTheDashboardWasAsked(page);
    }

    @Test
    @Order(2)
    void aReplayEndsAsTheRunDidAndCountsTheSameProbes() throws Exception {
        Path reportDir = dir.resolve("run");
        assertThat(liveEnd).as("the live run's tiles (the test before)").isNotNull();
        List<Observation> observations = observationsOf(reportDir);
        Command replay = Command.start("dashboard", reportDir.toString(), "--speed", "3", "--linger", "60s");
        URI page = replay.awaitUrl();
        browser.get(page.toString());

        new WebDriverWait(browser, RUN, Duration.ofMillis(100)).withMessage(() -> "the replay's verdicts: " + tiles())
                .until(shown -> !shown.findElements(By.cssSelector("#matrix tr.model")).isEmpty());
        assertThat(tiles()).as("tiles at the end of the replay").isEqualTo(liveEnd);
        assertTheVerdictsOf(JsonReportWriter.read(reportDir.resolve(JsonReportWriter.FILE_NAME)));
        Map<String, Double> probes = Scrape.of(page.resolve("metrics")).sumBy("cloudcut_probes_total", "outcome");
        Map<String, Long> logged = observations.stream().filter(ProbeObserved.class::isInstance).map(ProbeObserved.class::cast)
                .collect(java.util.stream.Collectors.groupingBy(probe -> probe.outcome().name(), java.util.stream.Collectors.counting()));
        assertThat(probes).as("probes on /metrics by outcome").hasSameSizeAs(logged);
        logged.forEach((outcome, count) -> assertThat(probes.get(outcome)).as(outcome).isEqualTo(count.doubleValue()));
        assertOnlyTheDashboardWasAsked(page);
    }

    /**
     * What the tile of each device that recovered must show: recovered, unless a function's last probe
     * dated from its recovery on failed (impaired then).
     */
    private static Map<String, String> afterRecovery(List<Observation> observations) {
        Map<String, String> expected = new HashMap<>();
        for (int i = 0; i < observations.size(); i++) {
            if (observations.get(i) instanceof RecoveryObserved recovery && recovery.recovered()) {
                Map<String, Boolean> lastOk = new HashMap<>();
                observations.subList(i + 1, observations.size()).stream().filter(ProbeObserved.class::isInstance)
                        .map(ProbeObserved.class::cast)
                        .filter(probe -> probe.device().equals(recovery.device()) && probe.atMillis() >= recovery.atMillis())
                        .forEach(probe -> lastOk.put(probe.function(), probe.ok()));
                expected.put(recovery.device(), lastOk.containsValue(false) ? "IMPAIRED" : "RECOVERED");
            }
        }
        return expected;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> tilesById() {
        return (Map<String, String>) script("const d = window.cloudcutDashboard; const byId = {};"
                + " d.ids.forEach((id, i) => { if (id) byId[id] = d.states[d.tiles[i]]; }); return byId;");
    }

    private static void assertTheVerdictsOf(RunReport report) {
        assertThat(browser.findElements(By.cssSelector("#matrix tr.model"))).extracting(row -> row.getDomAttribute("data-model"))
                .containsExactlyElementsOf(report.models().stream().map(ModelReport::model).toList());
        assertThat(browser.findElements(By.cssSelector("#matrix tr.model td.rung"))).extracting(cell -> cell.getText())
                .containsExactlyElementsOf(report.models().stream().map(model -> model.verdict().name()).toList());
        assertThat(browser.findElements(By.cssSelector("#matrix tr.function")))
                .hasSize(report.models().stream().mapToInt(model -> model.functions().size()).sum());
        for (ModelReport model : report.models()) {
            assertThat(browser.findElement(By.cssSelector("#ladder li[data-rung='" + model.verdict().name() + "']")).getText())
                    .as("%s on its rung of the ladder", model.model()).contains(model.model());
        }
        assertThat(report.expectations()).as("the short outage states its expectations").isNotEmpty();
        assertThat(browser.findElement(By.id("expectations-met")).getText()).isEqualTo("Expectations: "
                + report.expectations().stream().filter(ExpectationResult::met).count() + " of " + report.expectations().size() + " met");
        assertThat(browser.findElements(By.cssSelector("#expectations li"))).as("each expectation as the terminal says it")
                .extracting(line -> line.getText())
                .containsExactlyElementsOf(report.expectations().stream().map(e -> (e.met() ? "PASS " : "FAIL ") + e.figure()).toList());
    }

    private static void assertOnlyTheDashboardWasAsked(URI page) {
        String origin = page.toString();
        // chrome:// pages (its own new tab) and data: URLs do not leave the browser
        assertThat(Chromium.requested(browser)).as("requests over the network").filteredOn(url -> url.matches("(?i)(https?|wss?|ftp)://.*"))
                .isNotEmpty().allMatch(url -> url.startsWith(origin), "on " + origin);
        List<?> fetched = (List<?>) script("return performance.getEntriesByType('resource').map(entry => entry.name);");
        assertThat(fetched).as("resources the page loaded").isNotEmpty().allMatch(url -> ((String) url).startsWith(origin),
                "from " + origin);
        assertThat(Chromium.consoleProblems(browser)).as("console warnings and errors").isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static List<Long> tiles() {
        return (List<Long>) script("return window.cloudcutDashboard.tiles.slice();");
    }

    @SuppressWarnings("unchecked")
    private static List<String> colours() {
        return (List<String>) script("const d = window.cloudcutDashboard; return d.tiles.map((s, i) => d.tileColour(i));");
    }

    private static long tilesIn(String state) {
        return tiles().stream().filter(index -> stateName(index).equals(state)).count();
    }

    private static String stateName(long index) {
        return (String) script("return window.cloudcutDashboard.states[arguments[0]];", index);
    }

    private static String colour(String state) {
        return (String) script("return window.cloudcutDashboard.colours[arguments[0]];", state);
    }

    private static Object script(String code, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(code, arguments);
    }

    /** The command line run in-process on a thread of its own, its standard error readable while it runs. */
    private static final class Command {
        final StringWriter err = new StringWriter();
        CompletableFuture<Integer> exit;
        int exitCode;

        static Command start(String... args) {
            Command command = new Command();
            var line = CloudCutCommand.commandLine();
            line.setOut(new PrintWriter(new StringWriter(), true));
            line.setErr(new PrintWriter(command.err, true));
            command.exit = CompletableFuture.supplyAsync(() -> line.execute(args));
            return command;
        }

        URI awaitUrl() {
            await().atMost(Duration.ofSeconds(60)).until(() -> URL.matcher(err.toString()).find() || exit.isDone());
            Matcher url = URL.matcher(err.toString());
            assertThat(url.find()).as("the dashboard's URL on stderr:%n%s", err).isTrue();
            return URI.create(url.group(1));
        }

        Command finished() throws Exception {
            exitCode = exit.get(RUN.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            return this;
        }
    }

    private static List<Observation> observationsOf(Path reportDir) throws Exception {
        List<Observation> observations = new ArrayList<>();
        ObservationsReader.read(reportDir.resolve(ObservationStream.FILE_NAME), observations::add);
        return observations;
    }
}
