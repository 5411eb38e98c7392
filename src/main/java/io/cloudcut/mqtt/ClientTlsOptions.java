package io.cloudcut.mqtt;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import io.cloudcut.trust.ClientTls;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.mqtt.MqttClientOptions;

/**
 * A {@link ClientTls} as each client library takes it, for the devices' stacks and the harness's own
 * clients alike: the broker's certificate and name verified, a client certificate presented if any.
 */
public final class ClientTlsOptions {

    private ClientTlsOptions() {
    }

    /** {@code options} over TLS as {@code tls} says; unchanged if {@code tls} is null. */
    public static MqttClientOptions applyTo(MqttClientOptions options, ClientTls tls) {
        if (tls == null) {
            return options;
        }
        options.setSsl(true)
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
