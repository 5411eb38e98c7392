package io.cloudcut.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cloudcut.comparison.DiffTable;
import io.cloudcut.comparison.DifferentScenariosException;
import io.cloudcut.comparison.RunComparison;
import io.cloudcut.comparison.RunDiff;
import io.cloudcut.report.JsonReportWriter;
import io.cloudcut.report.ObservationStream;
import io.cloudcut.report.RunReport;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code cloudcut diff OLD_DIR NEW_DIR}: what changed between two runs of the same scenario, read
 * from the {@code report.json} each wrote with {@code --report-dir}; the question a firmware team
 * asks in a pull request.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compares two runs of the same scenario from the report.json each wrote (run --report-dir DIR): "
                + "model verdicts (headline and per outage phase), function verdicts (over the outage and per phase), "
                + "recovery p50/p95/max and devices not back, events lost in the cloud, dropped and duplicated, and "
                + "expectations that flipped. Prints the changes, worse first, then 'N worse, M better, K unchanged'.",
            "",
            "Tolerance: a verdict or an expectation changes when its word does. A recovery time is worse (better) "
                + "when it grew (shrank) by more than 10%% of the old value or one probe interval, whichever is larger "
                + "(the spacing of the recovery's probe rounds: the resolution the reports state for it). An event "
                + "count is worse (better) when it grew (shrank) by more than 10%% of the old count, 1%% of the events "
                + "the model generated or 1 event, whichever is largest. Any more devices not recovered, or needing a person, is worse.",
            "",
            "Chance: two runs of the same code differ by where probe rounds fall and what is in flight. A function's "
                + "verdict that moved while the share of its probes that worked differs by no more than chance (Fisher's "
                + "exact test, 5%%) and its median latency by no more than the old run's resolution; a model's rung in a "
                + "phase that moved while none of its functions' probes there differ so (a rung that fails open or is "
                + "stuck always counts); an event count past its tolerance whose share of the events generated differs "
                + "by no more than chance: each is listed apart, 'within chance', neither worse nor better. Where the "
                + "probes are too few for chance to be told apart (3 against 3), a move counts."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            CloudCutCommand.EXIT_OK + ":compared (with --fail-on-regression: nothing got worse)",
            CloudCutCommand.EXIT_REGRESSION + ":with --fail-on-regression, something got worse",
            CloudCutCommand.EXIT_BAD_INPUT + ":bad input: a directory or its report.json missing or unreadable, runs of "
                + "different scenarios",
            CloudCutCommand.EXIT_INFRASTRUCTURE + ":a run gave no verdicts (it wrote observations but no report.json: "
                + "its baseline was not healthy, or it stopped short): nothing to compare; or, with --fail-on-regression, "
                + "something got worse while the new run's harness was not healthy after its baseline"})
final class DiffCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "OLD_DIR", description = "The earlier run's --report-dir.")
    Path oldDir;

    @Parameters(index = "1", paramLabel = "NEW_DIR", description = "The later run's --report-dir.")
    Path newDir;

    @Option(names = "--fail-on-regression", description = "Exit 1 when some figure got worse.")
    boolean failOnRegression;

    @Option(names = "--json", description = "Print the comparison as JSON on stdout instead of the table.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        RunDiff diff;
        try {
            diff = RunComparison.compare(read(oldDir), read(newDir));
        } catch (NoVerdicts | IllegalArgumentException | DifferentScenariosException bad) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("error: " + bad.getMessage());
            err.flush();
            return bad instanceof NoVerdicts ? CloudCutCommand.EXIT_INFRASTRUCTURE : CloudCutCommand.EXIT_BAD_INPUT;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? toJson(diff).encodePrettily() + "\n" : DiffTable.render(diff));
        out.flush();
        if (failOnRegression && diff.regressed() && diff.newRunInDoubt()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("error: something got worse while the new run's harness was not healthy after its baseline: the"
                    + " regression may be the harness's, not the devices'; run it again with a smaller fleet or a slower clock");
            err.flush();
            return CloudCutCommand.EXIT_INFRASTRUCTURE;
        }
        return failOnRegression && diff.regressed() ? CloudCutCommand.EXIT_REGRESSION : CloudCutCommand.EXIT_OK;
    }

    /** @throws IllegalArgumentException naming the directory or file that is missing or not a report */
    private static RunReport read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": no such directory");
        }
        Path file = dir.resolve(JsonReportWriter.FILE_NAME);
        if (!Files.isRegularFile(file) && Files.isRegularFile(dir.resolve(ObservationStream.FILE_NAME))) {
            throw new NoVerdicts(dir + ": the run wrote observations but no " + JsonReportWriter.FILE_NAME
                    + ", so it gave no verdicts to compare: cloudcut report " + dir + " says why");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file (a run writes it with --report-dir " + dir + ")");
        }
        try {
            return JsonReportWriter.read(file);
        } catch (JsonProcessingException corrupt) {
            throw new IllegalArgumentException(file + ": not a CloudCut report: " + corrupt.getOriginalMessage());
        } catch (IOException unreadable) {
            throw new IllegalArgumentException(file + ": cannot be read: " + unreadable.getMessage());
        }
    }

    /** A run that observed but gave no verdicts: not bad input, and nothing to compare. */
    private static final class NoVerdicts extends RuntimeException {
        NoVerdicts(String message) {
            super(message);
        }
    }

    private JsonObject toJson(RunDiff diff) {
        return new JsonObject()
                .put("scenario", diff.scenario())
                .put("old", oldDir.toString())
                .put("new", newDir.toString())
                .put("worse", diff.worse().size())
                .put("better", diff.better().size())
                .put("unchanged", diff.unchanged())
                .put("changes", new JsonArray(diff.changes().stream().map(JsonObject::mapFrom).toList()))
                .put("withinChance", new JsonArray(diff.withinChance().stream().map(JsonObject::mapFrom).toList()))
                .put("notes", new JsonArray(diff.notes()))
                .put("newRunInDoubt", diff.newRunInDoubt());
    }
}
