package io.cloudcut.cli;

import io.cloudcut.dashboard.Dashboard;
import io.cloudcut.harness.ProgressListener;
import io.cloudcut.harness.RunResult;
import io.cloudcut.scenario.Durations;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Stack;

/** {@code run --dashboard [PORT]}: the run watched live in a browser, and {@code /metrics} beside it. */
final class DashboardOptions {

    @Option(names = "--dashboard", arity = "0..1", paramLabel = "PORT", parameterConsumer = PortIfGiven.class,
            description = "Serve a live dashboard of the run on 127.0.0.1:PORT (a free port when none is given; its URL is "
                    + "printed), with Prometheus metrics at /metrics.")
    Integer port;

    @Option(names = "--dashboard-linger", paramLabel = "DURATION", defaultValue = "5s",
            description = "How long the dashboard keeps serving once the run is over (default: ${DEFAULT-VALUE}); an open "
                    + "page keeps the verdicts after that, and cloudcut dashboard DIR replays the run.")
    String linger;

    private Dashboard dashboard;

    /** {@code --dashboard} takes the next argument as its port only when it is a number: {@code run --dashboard SCENARIO} works. */
    static final class PortIfGiven implements IParameterConsumer {
        @Override
        public void consumeParameters(Stack<String> args, ArgSpec option, CommandSpec command) {
            option.setValue(!args.isEmpty() && args.peek().matches("\\d+") ? Integer.valueOf(args.pop()) : 0);
        }
    }

    /** The listener a run reports to: {@code terminal}, and the dashboard when one was asked for (started here). */
    ProgressListener watch(ProgressListener terminal, PrintWriter err) {
        if (port == null) {
            return terminal;
        }
        Durations.parse(linger);
        dashboard = Dashboard.start(port);
        err.println("dashboard: " + dashboard.url() + " (metrics: " + dashboard.url().resolve("metrics") + ")");
        err.flush();
        return ProgressListener.both(terminal, dashboard.listener());
    }

    /** The run is over (or failed: {@code result} null): shows its verdicts, then stops serving after the linger. */
    void runEnded(RunResult result, PrintWriter err) {
        if (dashboard == null) {
            return;
        }
        try (Dashboard shown = dashboard) {
            if (result != null) {
                shown.show(result);
            }
            Duration kept = Durations.parse(linger);
            if (!kept.isZero()) {
                err.println("dashboard: the run is over; serving its verdicts for " + Durations.format(kept) + " more");
                err.flush();
                Thread.sleep(kept.toMillis());
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }
}
