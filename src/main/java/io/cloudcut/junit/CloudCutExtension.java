package io.cloudcut.junit;

import io.cloudcut.harness.InfrastructureException;
import io.cloudcut.harness.ProgressListener;
import io.cloudcut.harness.RunResult;
import io.cloudcut.harness.RunSettings;
import io.cloudcut.harness.ScenarioRunner;
import io.cloudcut.harness.Scenarios;
import io.cloudcut.observation.HealthObserved;
import io.cloudcut.report.ObservationStream;
import io.cloudcut.report.ReportFiles;
import io.cloudcut.report.RunReport;
import io.cloudcut.scenario.ClientStack;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.scenario.ScenarioException;
import io.cloudcut.scenario.TimeScale;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedElement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the scenario a {@link CloudCutScenario} names and resolves {@link ResilienceResult} parameters
 * with its outcome. A run is kept in the store of the class or method that carries the annotation,
 * so a class's tests share one run.
 */
final class CloudCutExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CloudCutExtension.class);
    /** The command line's options that are attributes of the annotation, and their names there. */
    private static final List<Map.Entry<String, String>> OPTIONS_AS_ATTRIBUTES = List.of(Map.entry("--time-scale", "timeScale"),
            Map.entry("--devices-per-model", "devicesPerModel"), Map.entry("--client", "client"));

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ResilienceResult.class;
    }

    @Override
    public ResilienceResult resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext owner = owner(context);
        CloudCutScenario wanted = annotation(owner.getElement().orElseThrow()).orElseThrow(() ->
                new ExtensionConfigurationException("a ResilienceResult needs @CloudCutScenario on the test or its class"));
        Outcome outcome = owner.getStore(NAMESPACE).getOrComputeIfAbsent(wanted, CloudCutExtension::run, Outcome.class);
        if (outcome.failure() != null) {
            throw new ParameterResolutionException(outcome.failure());
        }
        return outcome.result();
    }

    /** The method's context when the method carries the annotation, else the class's. */
    private static ExtensionContext owner(ExtensionContext context) {
        if (context.getTestMethod().flatMap(CloudCutExtension::annotation).isPresent()) {
            return context;
        }
        ExtensionContext owner = context;
        while (owner.getTestMethod().isPresent() && owner.getParent().isPresent()) {
            owner = owner.getParent().get();
        }
        return owner;
    }

    private static Optional<CloudCutScenario> annotation(AnnotatedElement element) {
        return AnnotationSupport.findAnnotation(element, CloudCutScenario.class);
    }

    /** A run's outcome, or why there is none (kept, so that every test asking for it says why). */
    private record Outcome(ResilienceResult result, String failure) {
    }

    private static Outcome run(CloudCutScenario wanted) {
        Path project = Path.of(wanted.projectDir()).toAbsolutePath().normalize();
        Scenario scenario;
        try {
            scenario = configured(Scenarios.loader(project).load(scenarioFile(wanted, project)), wanted);
        } catch (ScenarioException | IllegalArgumentException bad) {
            throw new ExtensionConfigurationException("@CloudCutScenario: " + bad.getMessage(), bad);
        }
        Path reportDir = wanted.reportDir().isEmpty() ? null : Path.of(wanted.reportDir());
        RunSettings settings = RunSettings.embedded(project.resolve("broker-config"));
        RunResult run;
        // Streamed while the run goes, as the command line does: the run keeps no list of them.
        try (ObservationStream stream = reportDir == null ? null : ObservationStream.into(reportDir)) {
            run = new ScenarioRunner(stream == null ? settings : settings.watchedBy(
                    ProgressListener.both(settings.progress(), ProgressListener.observing(stream)))).run(scenario);
        } catch (IllegalArgumentException refused) {
            throw new ExtensionConfigurationException("@CloudCutScenario: " + inTheAnnotationsWords(refused.getMessage()), refused);
        } catch (InfrastructureException failed) {
            return new Outcome(null, "scenario " + scenario.name() + " could not run: " + failed.getMessage());
        } catch (IOException unwritable) {
            throw new UncheckedIOException("cannot write the observations into " + reportDir, unwritable);
        }
        Optional<HealthObserved> baseline = run.health(HealthObserved.Window.BASELINE);
        if (baseline.isPresent() && !baseline.get().healthy()) {
            if (reportDir != null) {
                write(() -> ReportFiles.writeRefused(run.report(), reportDir), reportDir);
            }
            return new Outcome(null, "no verdicts: the harness could not measure scenario " + scenario.name()
                    + " (its baseline was not healthy): " + String.join("; ", baseline.get().problems()));
        }
        RunReport report = run.report();
        if (reportDir != null) {
            write(() -> ReportFiles.write(report, run.observed(), reportDir), reportDir);
        }
        return new Outcome(new ResilienceResult(report), null);
    }

    /**
     * A refusal of the harness's, which names the command line's options, with what they are called here: the harness
     * words its advice for the command line, and the same option may stand for another command in it.
     */
    static String inTheAnnotationsWords(String refusal) {
        List<String> glossary = OPTIONS_AS_ATTRIBUTES.stream().filter(option -> refusal.contains(option.getKey()))
                .map(option -> option.getKey() + " is " + option.getValue()).toList();
        return glossary.isEmpty() ? refusal : refusal + " (here " + String.join(", ", glossary) + ")";
    }

    private static Path scenarioFile(CloudCutScenario wanted, Path project) {
        if (wanted.value().isEmpty() == wanted.yaml().isEmpty()) {
            throw new IllegalArgumentException("name a scenario file (value) or write one (yaml), not both or neither");
        }
        if (!wanted.value().isEmpty()) {
            return project.resolve(wanted.value());
        }
        try {
            Path dir = Files.createTempDirectory("cloudcut-scenario-");
            Path file = dir.resolve("scenario.yaml");
            // Deleted in the reverse order of registration: the file, then its folder.
            dir.toFile().deleteOnExit();
            file.toFile().deleteOnExit();
            return Files.writeString(file, wanted.yaml());
        } catch (IOException unwritable) {
            throw new UncheckedIOException("cannot write the scenario of @CloudCutScenario(yaml) to a file", unwritable);
        }
    }

    private static Scenario configured(Scenario scenario, CloudCutScenario wanted) {
        if (wanted.devicesPerModel() < 0) {
            throw new IllegalArgumentException("devicesPerModel must be at least 1 (0 keeps the scenario's counts)");
        }
        Scenario configured = wanted.devicesPerModel() > 0 ? scenario.withDevicesPerModel(wanted.devicesPerModel()) : scenario;
        if (!wanted.client().isEmpty() && ClientStack.named(wanted.client()).isEmpty()) {
            throw new IllegalArgumentException("client: " + ClientStack.unknown(wanted.client()));
        }
        configured = wanted.client().isEmpty() ? configured : configured.withClient(wanted.client());
        return wanted.timeScale().isEmpty() ? configured : configured.withTimeScale(TimeScale.parse(wanted.timeScale()));
    }

    /** A report file's writing, which may fail. */
    private interface Writing {
        Path write() throws IOException;
    }

    /** A run's observations cut short give no report: the failure the test is given says why there is none. */
    private static void write(Writing writing, Path directory) {
        try {
            writing.write();
        } catch (IOException unwritable) {
            throw new UncheckedIOException("cannot write the report into " + directory, unwritable);
        } catch (IllegalArgumentException cutShort) {
            // The run's own outcome says what went wrong; the files are only its record.
        }
    }
}
