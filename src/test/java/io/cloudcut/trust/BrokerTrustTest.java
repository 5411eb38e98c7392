package io.cloudcut.trust;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The PEM files an operator gives for a broker over TLS, read into what the clients take. */
class BrokerTrustTest {

    @Test
    void aCaAlone_trustsWithoutPresenting_andACertificateWithItsKeyIsPresented(@TempDir Path folder) throws Exception {
        PemFiles files = PemFiles.write(folder);

        ClientTls trusting = new BrokerTrust(files.ca(), null, null).clientTls();
        ClientTls presenting = new BrokerTrust(files.ca(), files.clientCertificate(), files.clientKey()).clientTls();

        assertThat(trusting.presentsCertificate()).isFalse();
        assertThat(presenting.presentsCertificate()).isTrue();
        assertThat(presenting.certificateExpired()).isFalse();
    }

    @Test
    void aFileThatIsNoPem_isNamedInTheError(@TempDir Path folder) throws Exception {
        PemFiles files = PemFiles.write(folder);
        Path notPem = Files.writeString(folder.resolve("notes.txt"), "not a certificate");

        assertThatThrownBy(() -> new BrokerTrust(notPem, null, null).clientTls())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("notes.txt");
        assertThatThrownBy(() -> new BrokerTrust(files.ca(), files.clientCertificate(), notPem).clientTls())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("notes.txt", "no unencrypted private key");
        assertThatThrownBy(() -> new BrokerTrust(files.ca(), files.clientCertificate(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs its key");
    }
}
