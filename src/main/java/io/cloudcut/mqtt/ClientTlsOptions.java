package io.cloudcut.mqtt;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import io.cloudcut.trust.ClientTls;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.SSLEngineOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.mqtt.MqttClientOptions;

/**
 * A {@link ClientTls} as each client library takes it, for the devices' stacks and the harness's own
 * clients alike: the broker's certificate and name verified, a client certificate presented if any.
 */
public final class ClientTlsOptions {

    /**
     * BoringSSL where its library loads, Java's own TLS elsewhere. A TLS connect costs each side elliptic-curve
     * arithmetic, which Java 17 does in Java: a fleet of hundreds reconnecting at once took longer than
     * its devices' 1 s connect deadline on two cores, and the run measured the harness's handshakes.
     */
    private static final SSLEngineOptions ENGINE = OpenSSLEngineOptions.isAvailable()
            ? new OpenSSLEngineOptions() : new JdkSSLEngineOptions();

    private ClientTlsOptions() {
    }

    /** {@code options} over TLS as {@code tls} says; unchanged if {@code tls} is null. */
    public static MqttClientOptions applyTo(MqttClientOptions options, ClientTls tls) {
        if (tls == null) {
            return options;
        }
        options.setSsl(true)
                .setSslEngineOptions(ENGINE)
                .setHostnameVerificationAlgorithm("HTTPS")
                .setTrustOptions(TrustOptions.wrap(tls.trust()));
        if (tls.presentsCertificate()) {
            options.setKeyCertOptions(KeyCertOptions.wrap(tls.keys()));
        }
        return options;
    }

    /** The HiveMQ client's TLS; the library verifies the broker's name against its certificate by default. */
    public static MqttClientSslConfig hiveMq(ClientTls tls) {
        return MqttClientSslConfig.builder()
                .trustManagerFactory(tls.trust())
                .keyManagerFactory(tls.keys())
                .build();
    }
}
