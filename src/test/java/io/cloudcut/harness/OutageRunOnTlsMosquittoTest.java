package io.cloudcut.harness;

import io.cloudcut.report.JsonReportWriter;
import io.cloudcut.report.RunReport;
import io.cloudcut.testing.CliRun;
import io.cloudcut.testing.Mosquitto;
import io.cloudcut.testing.Project;
import io.cloudcut.trust.PemFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short outage against a Mosquitto that listens only over TLS, with a CA made in the test: the
 * cloud services, the phone app, the status publisher and the proxy's broker side all speak TLS to
 * it, trusting that CA; with mutual TLS, Mosquitto requires a client certificate of everyone, and
 * the harness presents the one given; devices reach the proxy in plain TCP or over TLS of the run's own.
 * The verdicts are those of the plain run. It once ran alone, its TLS handshakes on a busy machine
 * making the harness's baseline unhealthy; with the forks' client compiler only (see {@code pom.xml})
 * it runs beside them.
 */
class OutageRunOnTlsMosquittoTest {

    /** Devices in plain TCP to the proxy, which opens TLS upstream; or over TLS to the proxy too ({@code --tls}). */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theShortOutageOverTls_givesTheSameVerdicts(boolean devicesOverTls, @TempDir Path pki, @TempDir Path reports)
            throws Exception {
        PemFiles files = PemFiles.write(pki);
        try (Mosquitto mosquitto = Mosquitto.start(mosquittoOverTls(files, false))) {
            List<String> tls = new ArrayList<>(List.of("--broker-ca", files.ca().toString()));
            if (devicesOverTls) {
                tls.add("--tls");
            }
            RunReport report = run(mosquitto, reports, tls.toArray(String[]::new));
            assertThat(report.broker()).contains("external", "mqtts://127.0.0.1:" + mosquitto.port());
            OutageVerdicts.assertShortOutageVerdicts(report);
        }
    }

    @Test
    void theShortOutageOverMutualTls_presentsTheGivenCertificate(@TempDir Path pki, @TempDir Path reports)
            throws Exception {
        PemFiles files = PemFiles.write(pki);
        try (Mosquitto mosquitto = Mosquitto.start(mosquittoOverTls(files, true))) {
            RunReport report = run(mosquitto, reports, "--mtls", "--broker-ca", files.ca().toString(),
                    "--broker-cert", files.clientCertificate().toString(), "--broker-key", files.clientKey().toString());
            OutageVerdicts.assertShortOutageVerdicts(report);
        }
    }

    @Test
    void aTlsBrokerWithoutItsCa_isBadInput(@TempDir Path pki) throws Exception {
        CliRun run = CliRun.of("run", "scenarios/short-outage.yaml", "--project-dir", Project.root().toString(),
                "--broker", "mqtts://127.0.0.1:8883");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString().contains("speaks TLS", "--broker-ca FILE");

        PemFiles files = PemFiles.write(pki);
        CliRun mutual = CliRun.of("run", "scenarios/short-outage.yaml", "--project-dir", Project.root().toString(),
                "--broker", "mqtts://127.0.0.1:8883", "--mtls", "--broker-ca", files.ca().toString());
        assertThat(mutual.exitCode()).isEqualTo(2);
        assertThat(mutual.errorLines()).singleElement().asString().contains("--broker-cert FILE and --broker-key FILE");
    }

    /** A Mosquitto configuration that listens only over TLS with {@code files}' broker certificate. */
    static List<String> mosquittoOverTls(PemFiles files, boolean requireCertificates) {
        List<String> lines = new ArrayList<>(List.of("allow_anonymous true", "persistence false",
                "max_inflight_messages 100"));
        lines.addAll(files.mosquittoLines(requireCertificates));
        return lines;
    }

    private static RunReport run(Mosquitto mosquitto, Path reports, String... tls) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "scenarios/short-outage.yaml", "--project-dir",
                Project.root().toString(), "--broker", "mqtts://127.0.0.1:" + mosquitto.port(),
                "--report-dir", reports.toString()));
        args.addAll(List.of(tls));
        CliRun run = CliRun.measured(args.toArray(String[]::new));
        assertThat(run.exitCode()).as("exit code; %s", run.transcript()).isZero();
        return JsonReportWriter.read(reports.resolve("report.json"));
    }
}
