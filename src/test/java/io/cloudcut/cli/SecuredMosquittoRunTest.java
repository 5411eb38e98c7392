package io.cloudcut.cli;

import io.cloudcut.report.JsonReportWriter;
import io.cloudcut.report.ModelReport;
import io.cloudcut.report.RunReport;
import io.cloudcut.testing.CliRun;
import io.cloudcut.testing.Mosquitto;
import io.cloudcut.testing.Project;
import io.cloudcut.testing.TempFolders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short outage against a Mosquitto that admits only CloudCut's identities, each to its own topics
 * (broker-config/mosquitto-identity.conf and its ACL): {@code cloudcut identities} writes the password
 * file from a secret kept in a file, and {@code run --identity-secret} logs in under the same secret.
 */
class SecuredMosquittoRunTest {

    /** Not under the test's own folder: Mosquitto reads its files as the mosquitto user, which may not enter it. */
    private Path brokerFolder;

    @AfterEach
    void deleteBrokerFolder() throws IOException {
        if (brokerFolder != null) {
            TempFolders.delete(brokerFolder);
        }
    }

    @Test
    void aRunLogsInToASecuredMosquittoWithPasswordsDerivedFromItsSecretFile(@TempDir Path dir) throws Exception {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Path secretFile = Files.write(dir.resolve("secret"), secret);
        brokerFolder = Files.createTempDirectory("cloudcut-mosquitto-identities");
        Path passwords = brokerFolder.resolve("passwords");

        CliRun identities = CliRun.of("identities", "scenarios/short-outage.yaml", "--secret", secretFile.toString(),
                "--mosquitto-passwords", passwords.toString(), "--devices-per-model", "1",
                "--project-dir", Project.root().toString());

        assertThat(identities.exitCode()).as(identities.err()).isZero();
        assertThat(identities.out()).contains("12 identities (4 devices) written to " + passwords);
        assertThat(Files.readAllLines(passwords)).extracting(line -> line.substring(0, line.indexOf(':')))
                .contains("vacuum-local-first-1", "cloudcut-cloud-auth", "cloudcut-phone-app", "cloudcut-dashboard");

        try (Mosquitto mosquitto = Mosquitto.startWithIdentities(passwords)) {
            Path reports = dir.resolve("report");
            CliRun run = CliRun.measured("run", "scenarios/short-outage.yaml", "--broker", mosquitto.uri(),
                    "--identity-secret", secretFile.toString(), "--devices-per-model", "1",
                    "--project-dir", Project.root().toString(), "--report-dir", reports.toString());

            assertThat(run.exitCode()).as("exit code; %s", run.transcript()).isZero();
            RunReport report = JsonReportWriter.read(reports.resolve("report.json"));
            for (ModelReport model : report.models()) {
                assertThat(model.functions()).allSatisfy(function -> assertThat(function.phases().get("baseline").failed())
                        .as("%s %s in the baseline", model.model(), function.name()).isZero());
                assertThat(model.recovery().recovered()).as(model.model()).isEqualTo(model.devices());
            }
        }
    }

    @Test
    void aSecretTooShortIsBadInput(@TempDir Path dir) throws Exception {
        Path secretFile = Files.writeString(dir.resolve("secret"), "short");

        CliRun identities = CliRun.of("identities", "scenarios/short-outage.yaml", "--secret", secretFile.toString(),
                "--mosquitto-passwords", dir.resolve("passwords").toString(), "--project-dir", Project.root().toString());

        assertThat(identities.exitCode()).isEqualTo(2);
        assertThat(identities.errorLines()).singleElement().asString().contains("holds 5 bytes; at least 16");
        assertThat(dir.resolve("passwords")).doesNotExist();
    }
}
