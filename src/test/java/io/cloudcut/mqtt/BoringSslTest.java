package io.cloudcut.mqtt;

import io.cloudcut.trust.RunCertificates;
import io.netty.handler.ssl.OpenSsl;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.mqtt.MqttClientOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TLS in native code where the build ships its library (Linux on x86-64, as CI): the Vert.x device
 * stack and the harness's clients take it, and Netty's own contexts (the fault proxy's, the HiveMQ
 * client's) choose it by themselves once it loads. Without it a fleet of hundreds over TLS measures
 * Java's elliptic-curve arithmetic, not its devices.
 */
class BoringSslTest {

    @Test
    void theNativeLibraryLoads() {
        assertThat(OpenSsl.isAvailable()).as("netty-tcnative-boringssl-static: %s", OpenSsl.unavailabilityCause()).isTrue();
    }

    @Test
    void vertxClientsOverTlsTakeIt() {
        try (RunCertificates certificates = RunCertificates.generate()) {
            MqttClientOptions options = ClientTlsOptions.applyTo(new MqttClientOptions(), certificates.device("vacuum-1", true));

            assertThat(options.isSsl()).isTrue();
            assertThat(options.getSslEngineOptions()).isInstanceOf(OpenSSLEngineOptions.class);
        }
    }
}
