package io.cloudcut.dashboard;

import io.cloudcut.harness.ProgressListener;
import io.cloudcut.harness.Scenarios;
import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.RunStartedObserved;
import io.cloudcut.scenario.FleetEntry;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.testing.Chromium;
import io.cloudcut.testing.Project;
import io.cloudcut.testing.RunsAlone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page with 10,000 devices (short-outage's fleet at 2,500 a model, observations made up, no
 * broker): every tile connected, then ten times a tenth of the fleet drops while the tenth before
 * comes back. The page shows each change within a few ticks, and answers a script at once all
 * along: its main thread is never held by the tiles. Alone: how fast the page answers depends on
 * having the CPU.
 */
@RunsAlone
@Isolated
class DashboardAtScaleTest {

    private static final int PER_MODEL = 2500;
    private static final int SLICE = 1000;
    private static final Duration ANSWERS_WITHIN = Duration.ofMillis(500);

    @TempDir
    Path dir;

    @Test
    void tenThousandTilesFollowTheFleetAndThePageStaysResponsive() throws Exception {
        Scenario scenario = Scenarios.loader(Project.root()).load(Project.file("scenarios/short-outage.yaml"))
                .withDevicesPerModel(PER_MODEL);
        List<String[]> devices = new ArrayList<>();
        for (FleetEntry entry : scenario.fleet()) {
            for (int n = 1; n <= entry.count(); n++) {
                devices.add(new String[] {entry.model() + "-" + n, entry.model()});
            }
        }
        assertThat(devices).hasSize(10_000);
        ChromeDriver browser = Chromium.start(dir);
        try (Dashboard dashboard = Dashboard.start(0)) {
            ProgressListener run = dashboard.listener();
            run.observed(RunStartedObserved.of(scenario, "made up"));
            devices.forEach(device -> run.observed(ConnectionObserved.up(1, device[0], device[1], 0, 1)));
            browser.get(dashboard.url().toString());
            WebDriverWait page = new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(50));
            page.until(shown -> connectedTiles(browser) == 10_000);

            List<Long> answers = new ArrayList<>();
            for (int round = 0; round < 10; round++) {
                long at = 1000L * (round + 2);
                for (int i = round * SLICE; i < (round + 1) * SLICE; i++) {
                    run.observed(ConnectionObserved.down(at, devices.get(i)[0], devices.get(i)[1], "made up"));
                }
                if (round > 0) {
                    for (int i = (round - 1) * SLICE; i < round * SLICE; i++) {
                        run.observed(ConnectionObserved.up(at, devices.get(i)[0], devices.get(i)[1], at, 1));
                    }
                }
                int dropped = round * SLICE;
                page.withMessage("a tenth of the fleet offline, the tenth before back").until(shown -> {
                    long asked = System.nanoTime();
                    long connected = connectedTiles(browser);
                    answers.add((System.nanoTime() - asked) / 1_000_000);
                    // devices were first seen in the fleet's order: device i has tile i
                    return connected == 10_000 - SLICE && "OFFLINE".equals(tileState(browser, dropped))
                            && "CONNECTED".equals(tileState(browser, dropped - 1 + (dropped == 0 ? 1 + SLICE : 0)));
                });
            }
            assertThat(answers).as("milliseconds the page took to answer a script, at every poll")
                    .allMatch(millis -> millis < ANSWERS_WITHIN.toMillis());
            assertThat(((Number) script(browser, "return window.cloudcutDashboard.status.connected;")).intValue())
                    .isEqualTo(10_000 - SLICE);
        } finally {
            browser.quit();
        }
    }

    /** Tiles the page holds as connected, by the tile states it was sent. */
    private static long connectedTiles(ChromeDriver browser) {
        return ((Number) script(browser, "const d = window.cloudcutDashboard; const c = d.states.indexOf('CONNECTED');"
                + " return d.tiles.reduce((n, s) => s === c ? n + 1 : n, 0);")).longValue();
    }

    private static String tileState(ChromeDriver browser, int tile) {
        return (String) script(browser, "const d = window.cloudcutDashboard; return d.states[d.tiles[arguments[0]]];", tile);
    }

    private static Object script(ChromeDriver browser, String code, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(code, arguments);
    }
}
