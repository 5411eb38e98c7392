package io.cloudcut.trust;

import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.KeyPair;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A chain accepted once is checked again only for its dates; refusals, lapses and other names get the full check. */
class RememberedChainsTest {

    private final Instant now = Instant.now();

    private final CertificateAuthority ca = CertificateAuthority.create("run CA", now.plus(Duration.ofDays(1)));
    private final CertificateAuthority otherCa = CertificateAuthority.create("another CA", now.plus(Duration.ofDays(1)));
    private final Counting pkix = new Counting(ca.certificate());
    private final RememberedChains remembered = new RememberedChains(pkix);

    @Test
    void aChainAcceptedOnceIsNotVerifiedAgain() throws Exception {
        X509Certificate[] device = {client(ca, now.minusSeconds(60), now.plus(Duration.ofHours(1)))};

        for (int connect = 0; connect < 5; connect++) {
            remembered.checkClientTrusted(device, "UNKNOWN", engine("proxy"));
        }
        assertThat(pkix.checks).as("full checks for five handshakes with one chain").hasValue(1);

        remembered.checkClientTrusted(new X509Certificate[] {client(ca, now.minusSeconds(60), now.plus(Duration.ofHours(1)))},
                "UNKNOWN", engine("proxy"));
        assertThat(pkix.checks).as("another device's chain").hasValue(2);
    }

    @Test
    void aRefusedChainIsCheckedInFullEveryTime() {
        X509Certificate[] foreign = {client(otherCa, now.minusSeconds(60), now.plus(Duration.ofHours(1)))};

        for (int connect = 0; connect < 3; connect++) {
            assertThatThrownBy(() -> remembered.checkClientTrusted(foreign, "UNKNOWN", engine("proxy")))
                    .isInstanceOf(CertificateException.class);
        }
        assertThat(pkix.checks).hasValue(3);
    }

    @Test
    void aChainThatLapsedSinceItWasAcceptedGetsTheFullChecksRefusal() throws Exception {
        X509Certificate lapsing = client(ca, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3));
        remembered.checkClientTrusted(new X509Certificate[] {lapsing}, "UNKNOWN", engine("proxy"));
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(lapsing.getNotAfter().toInstant()));

        assertThatThrownBy(() -> remembered.checkClientTrusted(new X509Certificate[] {lapsing}, "UNKNOWN", engine("proxy")))
                .isInstanceOf(CertificateException.class);
        assertThat(pkix.checks).as("checked in full again").hasValue(2);
    }

    @Test
    void aServersChainAcceptedForOneNameIsCheckedInFullForAnother() throws Exception {
        KeyPair keys = CertificateAuthority.newKeyPair();
        X509Certificate[] broker = {ca.issueServer("127.0.0.1", keys.getPublic(), now.plus(Duration.ofHours(1)))};

        remembered.checkServerTrusted(broker, "UNKNOWN", engine("127.0.0.1"));
        remembered.checkServerTrusted(broker, "UNKNOWN", engine("127.0.0.1"));
        assertThat(pkix.checks).hasValue(1);
        assertThatThrownBy(() -> remembered.checkServerTrusted(broker, "UNKNOWN", engine("broker.example")))
                .as("a certificate for 127.0.0.1 offered as broker.example").isInstanceOf(CertificateException.class);
        assertThat(pkix.checks).hasValue(2);
    }

    private static X509Certificate client(CertificateAuthority issuer, Instant from, Instant until) {
        return issuer.issueClient("vacuum-1", CertificateAuthority.newKeyPair().getPublic(), from, until);
    }

    /** An engine as a client's TLS stack makes one: the name it connects to, checked as HTTPS does. */
    private static SSLEngine engine(String host) throws Exception {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine(host, 8883);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        engine.setUseClientMode(true);
        return engine;
    }

    /**
     * The checks a trust manager makes, counted: issued by the CA it trusts and within their dates, and a
     * server's for the name the client asked for.
     */
    private static final class Counting extends X509ExtendedTrustManager {
        final AtomicInteger checks = new AtomicInteger();
        private final X509Certificate ca;

        Counting(X509Certificate ca) {
            this.ca = ca;
        }

        private void check(X509Certificate[] chain, String askedFor) throws CertificateException {
            checks.incrementAndGet();
            try {
                chain[0].verify(ca.getPublicKey());
            } catch (GeneralSecurityException notIssuedByIt) {
                throw new CertificateException("not issued by the CA trusted", notIssuedByIt);
            }
            chain[0].checkValidity();
            if (askedFor != null && !chain[0].getSubjectX500Principal().getName().contains("CN=" + askedFor)) {
                throw new CertificateException("not for " + askedFor);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            check(chain, null);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            check(chain, engine.getPeerHost());
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            check(chain, null);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            check(chain, null);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain, null);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain, null);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[] {ca};
        }
    }
}
