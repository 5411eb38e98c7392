package io.cloudcut.trust;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Keys made away from the run's CA (on a worker) and certified by it from their public keys alone:
 * the proxy they make requires the devices' certificates, a device holding one is let in, a lapsed
 * one from the CA is refused until renewed, and certificates that are not the CA's or not for the
 * keys held are not installed. Real TLS handshakes on loopback.
 */
class FleetKeysTest {

    private static RunCertificates certificates;
    private static RunCertificates otherCa;

    @BeforeAll
    static void makeTheCas() {
        certificates = RunCertificates.generate();
        otherCa = RunCertificates.generate();
    }

    @AfterAll
    static void deleteThem() {
        certificates.close();
        otherCa.close();
    }

    @Test
    void devicesCertifiedByTheRunsCa_areLetInByTheirProxy_untilTheCaLetsACertificateLapse() throws Exception {
        FleetKeys keys = certified(certificates, FleetKeys.generate(List.of("lapsing-1", "kept-1"), true));

        assertThat(keys.proxyServer().requiresClientCertificates()).isTrue();
        assertThat(accepted(keys.proxyServer(), keys.device("lapsing-1"))).isTrue();
        keys.replace("lapsing-1", certificates.expire("lapsing-1"));
        assertThat(keys.device("lapsing-1").certificateExpired()).isTrue();
        assertThat(accepted(keys.proxyServer(), keys.device("lapsing-1"))).as("lapsed").isFalse();
        assertThat(accepted(keys.proxyServer(), keys.device("kept-1"))).as("another device of the fleet").isTrue();
        keys.replace("lapsing-1", certificates.renew("lapsing-1"));
        assertThat(accepted(keys.proxyServer(), keys.device("lapsing-1"))).as("renewed").isTrue();
    }

    @Test
    void withoutDeviceCertificates_devicesPresentNone_andTheProxyAsksForNone() throws Exception {
        FleetKeys keys = certified(certificates, FleetKeys.generate(List.of("plain-tls-1"), false));

        assertThat(keys.devicePublicKeys()).isEmpty();
        assertThat(keys.device("plain-tls-1").presentsCertificate()).isFalse();
        assertThat(keys.proxyServer().requiresClientCertificates()).isFalse();
        assertThat(accepted(keys.proxyServer(), keys.device("plain-tls-1"))).isTrue();
    }

    @Test
    void certificatesOfAnotherCa_orForAnotherKey_areNotInstalled() {
        FleetKeys foreign = FleetKeys.generate(List.of("foreign-1"), true);
        assertThatThrownBy(() -> foreign.install(certificates.encodedCa(), otherCa.certifyProxy(foreign.proxyPublicKey()),
                Map.of("foreign-1", otherCa.certifyDevice("foreign-1", foreign.devicePublicKeys().get("foreign-1")))))
                .hasMessageContaining("the proxy is not signed by the run's CA");

        FleetKeys swapped = FleetKeys.generate(List.of("swapped-1", "swapped-2"), true);
        Map<String, byte[]> publicKeys = swapped.devicePublicKeys();
        assertThatThrownBy(() -> swapped.install(certificates.encodedCa(), certificates.certifyProxy(swapped.proxyPublicKey()),
                Map.of("swapped-1", certificates.certifyDevice("swapped-2", publicKeys.get("swapped-2")),
                        "swapped-2", certificates.certifyDevice("swapped-1", publicKeys.get("swapped-1")))))
                .hasMessageContaining("is for another key");
    }

    @Test
    void theCaCertifiesADeviceOnce_andHasNoKeyForOneHeldElsewhere() {
        FleetKeys keys = FleetKeys.generate(List.of("once-1"), true);
        byte[] publicKey = keys.devicePublicKeys().get("once-1");
        certificates.certifyDevice("once-1", publicKey);

        assertThatThrownBy(() -> certificates.certifyDevice("once-1", publicKey)).hasMessageContaining("already");
        assertThatThrownBy(() -> certificates.device("once-1", true)).hasMessageContaining("another process");
        assertThatThrownBy(() -> certificates.certifyDevice("garbled-1", new byte[]{1, 2, 3})).hasMessageContaining("not an EC public key");
    }

    /** As a worker does: the CA signs the public keys, and the certificates are installed where the keys are. */
    private static FleetKeys certified(RunCertificates ca, FleetKeys keys) {
        Map<String, byte[]> devices = new HashMap<>();
        keys.devicePublicKeys().forEach((device, publicKey) -> devices.put(device, ca.certifyDevice(device, publicKey)));
        keys.install(ca.encodedCa(), ca.certifyProxy(keys.proxyPublicKey()), devices);
        return keys;
    }

    /**
     * Whether a server with {@code server}'s TLS let {@code client} in: the server, which verifies the
     * client's certificate, sends a byte once its handshake is done; with TLS 1.3 the client's own
     * handshake ends before the server has judged its certificate, so only that byte tells.
     */
    private static boolean accepted(ServerTls server, ClientTls client) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(server.keys().getKeyManagers(),
                server.clientTrust() == null ? null : server.clientTrust().getTrustManagers(), null);
        try (SSLServerSocket listening = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listening.setNeedClientAuth(server.requiresClientCertificates());
            listening.setSoTimeout(10_000);
            Thread serving = new Thread(() -> {
                try (SSLSocket accepted = (SSLSocket) listening.accept()) {
                    accepted.setSoTimeout(10_000);
                    accepted.startHandshake();
                    accepted.getOutputStream().write(1);
                    accepted.getOutputStream().flush();
                } catch (IOException refused) {
                    // The client hears the refusal as an alert or a closed connection.
                }
            });
            serving.start();
            try (SSLSocket socket = (SSLSocket) client.sslContext().getSocketFactory().createSocket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listening.getLocalPort()), 10_000);
                socket.setSoTimeout(10_000);
                socket.startHandshake();
                return socket.getInputStream().read() == 1;
            } catch (IOException refused) {
                return false;
            } finally {
                serving.join(20_000);
            }
        }
    }
}
