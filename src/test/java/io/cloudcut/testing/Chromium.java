package io.cloudcut.testing;

import io.vertx.core.json.JsonObject;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's Chromium and its driver ({@code apt-get install chromium chromium-driver}; .ci/run does),
 * headless, with a fresh profile, logging the console and the network. Any request that tried to leave
 * the machine is sent to a proxy that refuses it (loopback, where the page under test is, bypasses it
 * as Chromium does by default), and is still in the performance log.
 */
public final class Chromium {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private Chromium() {
    }

    public static ChromeDriver start(Path profiles) throws IOException {
        assertThat(new File(CHROMIUM)).as("apt-get install chromium chromium-driver (.ci/run does)").canRead();
        assertThat(new File(CHROMEDRIVER)).as("apt-get install chromium chromium-driver (.ci/run does)").canRead();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,2000",
                "--proxy-server=http://127.0.0.1:9",
                "--user-data-dir=" + Files.createTempDirectory(profiles, "chromium-profile"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // the driver named outright, so that Selenium Manager downloads nothing
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Opens a report.html from disk and waits until its script has drawn the page. */
    public static void openReport(ChromeDriver browser, Path reportHtml) {
        browser.get(reportHtml.toUri().toString());
        new WebDriverWait(browser, Duration.ofSeconds(30)).withMessage(() -> "the page's script did not finish: "
                        + browser.manage().logs().get(LogType.BROWSER).getAll())
                .until(page -> "true".equals(page.findElement(By.tagName("body")).getDomAttribute("data-rendered")));
    }

    /** The URLs of every request the browser sent since the log was last read. */
    public static List<String> requested(ChromeDriver browser) {
        return browser.manage().logs().get(LogType.PERFORMANCE).getAll().stream().map(LogEntry::getMessage)
                .filter(message -> message.contains("\"Network.requestWillBeSent\""))
                .map(message -> new JsonObject(message).getJsonObject("message").getJsonObject("params")
                        .getJsonObject("request").getString("url"))
                .toList();
    }

    /** Console entries at warning level or above since the log was last read. */
    public static List<LogEntry> consoleProblems(ChromeDriver browser) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue()).toList();
    }
}
