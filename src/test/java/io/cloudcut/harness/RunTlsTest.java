package io.cloudcut.harness;

import io.cloudcut.cluster.ClusterSettings;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.testing.Project;
import io.cloudcut.trust.BrokerTrust;
import io.cloudcut.trust.TransportSecurity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which TLS settings a run takes, decided before anything starts. */
class RunTlsTest {

    private static final String TLS_BROKER = "mqtts://127.0.0.1:8883";
    private static final BrokerTrust CA = new BrokerTrust(Path.of("ca.pem"), null, null);
    private static final ClusterSettings CLUSTER = new ClusterSettings("127.0.0.1", ClusterSettings.DEFAULT_PORT, List.of("127.0.0.1"));
    private static final BrokerTrust CA_AND_CERTIFICATE = new BrokerTrust(Path.of("ca.pem"), Path.of("c.pem"), Path.of("c.key"));

    private static Scenario shortOutage;

    @BeforeAll
    static void load() throws Exception {
        shortOutage = Scenarios.loader(Project.root()).load(Project.file("scenarios/short-outage.yaml"));
    }

    @Test
    void aTlsBroker_takesPlainTlsOrMutualDevices_givenWhatItNeeds() {
        assertThatCode(() -> RunTls.check(shortOutage, external(TLS_BROKER).trustingBroker(CA))).doesNotThrowAnyException();
        assertThatCode(() -> RunTls.check(shortOutage, external(TLS_BROKER).trustingBroker(CA)
                .securedBy(TransportSecurity.TLS))).doesNotThrowAnyException();
        assertThatCode(() -> RunTls.check(shortOutage, external(TLS_BROKER).trustingBroker(CA_AND_CERTIFICATE)
                .securedBy(TransportSecurity.MUTUAL_TLS))).doesNotThrowAnyException();
    }

    @Test
    void devicesOnWorkers_speakTlsOrMutualTls_toTheEmbeddedBroker_andTlsToABrokerThatWantsNoCertificate() {
        for (TransportSecurity security : List.of(TransportSecurity.TLS, TransportSecurity.MUTUAL_TLS)) {
            assertThatCode(() -> RunTls.check(shortOutage, RunSettings.embedded(null).securedBy(security).onWorkers(CLUSTER, 2)))
                    .as("%s on workers", security).doesNotThrowAnyException();
        }
        for (TransportSecurity security : List.of(TransportSecurity.PLAIN, TransportSecurity.TLS)) {
            assertThatCode(() -> RunTls.check(shortOutage, external(TLS_BROKER).trustingBroker(CA).securedBy(security)
                    .onWorkers(CLUSTER, 2))).as("%s on workers, to %s", security, TLS_BROKER).doesNotThrowAnyException();
        }
    }

    @Test
    void whatATlsRunLacks_isNamed() {
        assertThatThrownBy(() -> RunTls.check(shortOutage, external(TLS_BROKER)))
                .hasMessageContaining("speaks TLS", "--broker-ca FILE");
        assertThatThrownBy(() -> RunTls.check(shortOutage, external("tcp://127.0.0.1:1883").trustingBroker(CA)))
                .hasMessageContaining("are for an external broker over TLS");
        assertThatThrownBy(() -> RunTls.check(shortOutage, external("tcp://127.0.0.1:1883").securedBy(TransportSecurity.TLS)))
                .hasMessageContaining("need the embedded broker or an external one over TLS");
        assertThatThrownBy(() -> RunTls.check(shortOutage, external(TLS_BROKER).trustingBroker(CA)
                .securedBy(TransportSecurity.MUTUAL_TLS)))
                .hasMessageContaining("--broker-cert FILE and --broker-key FILE");
        assertThatThrownBy(() -> RunTls.check(shortOutage, external(TLS_BROKER).trustingBroker(CA_AND_CERTIFICATE)
                .onWorkers(CLUSTER, 2)))
                .hasMessageContaining("--broker-cert and --broker-key with --workers", "private key", "drop --workers");
        assertThatThrownBy(() -> RunTls.check(shortOutage, external(TLS_BROKER).trustingBroker(CA_AND_CERTIFICATE)
                .securedBy(TransportSecurity.MUTUAL_TLS).onWorkers(CLUSTER, 2)))
                .hasMessageContaining("drop --workers");
    }

    private static RunSettings external(String uri) {
        return new RunSettings(uri, null, null, null, null);
    }
}
