package io.cloudcut.cli;

import io.cloudcut.dashboard.Dashboard;
import io.cloudcut.harness.RunResult;
import io.cloudcut.report.ObservationStream;
import io.cloudcut.report.ObservationsException;
import io.cloudcut.report.ObservationsReader;
import io.cloudcut.report.RunFold;
import io.cloudcut.scenario.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code cloudcut dashboard DIR}: a finished run replayed on the live dashboard, then its verdicts. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = "Replays a finished run (DIR/observations.jsonl, written by run --report-dir DIR) on the dashboard "
                + "that run --dashboard serves, from the moment the page is opened, at the pace the run's scenario clock "
                + "ran (times --speed), then shows its verdict ladder and matrix. Serves until interrupted (Ctrl-C), "
                + "or --linger after the replay.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            CloudCutCommand.EXIT_OK + ":the replay was served",
            CloudCutCommand.EXIT_BAD_INPUT + ":bad input or usage (the observations missing, cut short or corrupt; the port taken)"})
final class DashboardCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "The report directory of a run (run --report-dir DIR).")
    Path dir;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
            description = "Serve on 127.0.0.1:PORT (default: a free port; the URL is printed).")
    int port;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "1",
            description = "Replay X times faster than the run went (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--linger", paramLabel = "DURATION",
            description = "Stop serving this long after the replay ended (default: serve until interrupted).")
    String linger;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        Path observations = dir.resolve(ObservationStream.FILE_NAME);
        RunFold run = new RunFold();
        Duration kept;
        try {
            ObservationsReader.read(observations, run);
            kept = linger == null ? null : Durations.parse(linger);
            if (!(speed > 0)) {
                throw new IllegalArgumentException("--speed must be above 0");
            }
        } catch (ObservationsException | IllegalArgumentException bad) {
            err.println("error: " + bad.getMessage());
            err.flush();
            return CloudCutCommand.EXIT_BAD_INPUT;
        }
        Dashboard dashboard;
        try {
            dashboard = Dashboard.start(port);
        } catch (IllegalStateException cannot) {
            err.println("error: " + cannot.getMessage());
            err.flush();
            return CloudCutCommand.EXIT_BAD_INPUT;
        }
        try (dashboard) {
            CountDownLatch replayed = new CountDownLatch(1);
            dashboard.replay(observations, new RunResult(run), speed).onComplete(done -> replayed.countDown());
            err.println("dashboard: " + dashboard.url() + " (metrics: " + dashboard.url().resolve("metrics")
                    + "); the replay starts when the page is opened");
            err.flush();
            replayed.await();
            err.println("dashboard: replayed; " + (kept == null ? "serving until interrupted (Ctrl-C)"
                    : "serving for " + Durations.format(kept) + " more"));
            err.flush();
            new CountDownLatch(1).await(kept == null ? Long.MAX_VALUE : kept.toMillis(), TimeUnit.MILLISECONDS);
        }
        return CloudCutCommand.EXIT_OK;
    }
}
