package io.cloudcut.trust;

import io.netty.handler.ssl.util.KeyManagerFactoryWrapper;

import javax.net.ssl.KeyManagerFactory;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys of devices that run in another process than their run's CA (a clustered run's worker),
 * and of the fault proxy in front of them. They are made here and never leave: the CA is sent the
 * public keys and sends back certificates ({@link RunCertificates#certifyDevice}), which are all that
 * crosses the cluster's event bus, a plain TCP connection. Sending the devices' private keys instead
 * would save a round trip and put every key on that wire. A PKCS#10 request would add proof that the
 * sender holds each private key; the CA answers only cluster members, which command the devices
 * anyway, so it would prove nothing more here.
 * <p>
 * {@link #install} the certificates before asking for TLS settings.
 */
public final class FleetKeys {

    private final KeyPair proxy = CertificateAuthority.newKeyPair();
    /** Empty when devices present no certificate (TLS without client certificates). */
    private final Map<String, KeyPair> devices = new LinkedHashMap<>();
    private final Map<String, DeviceKeyManager> managers = new ConcurrentHashMap<>();
    private X509Certificate ca;
    private KeyManagerFactory proxyKeys;

    private FleetKeys() {
    }

    /** A key for the proxy and, with {@code deviceCertificates}, one for each device. */
    public static FleetKeys generate(Collection<String> deviceIds, boolean deviceCertificates) {
        FleetKeys keys = new FleetKeys();
        if (deviceCertificates) {
            deviceIds.forEach(device -> keys.devices.put(device, CertificateAuthority.newKeyPair()));
        }
        return keys;
    }

    /** The proxy's public key, DER encoded (X.509 SubjectPublicKeyInfo). */
    public byte[] proxyPublicKey() {
        return proxy.getPublic().getEncoded();
    }

    /** Each device's public key, DER encoded; none without device certificates. */
    public Map<String, byte[]> devicePublicKeys() {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        devices.forEach((device, pair) -> keys.put(device, pair.getPublic().getEncoded()));
        return keys;
    }

    /**
     * Takes the CA's answer: its certificate, the proxy's, and one for each device, all DER encoded.
     *
     * @throws IllegalArgumentException when a certificate is missing, not the CA's, or not for the key held here
     */
    public void install(byte[] caCertificate, byte[] proxyCertificate, Map<String, byte[]> deviceCertificates) {
        ca = decode(caCertificate);
        proxyKeys = InMemoryKeys.factory(proxy.getPrivate(), issued("the proxy", proxy, proxyCertificate), ca);
        devices.forEach((device, pair) -> {
            byte[] certificate = deviceCertificates.get(device);
            if (certificate == null) {
                throw new IllegalArgumentException("the CA sent no certificate for device '" + device + "'");
            }
            managers.put(device, new DeviceKeyManager(InMemoryKeys.manager(pair.getPrivate(),
                    issued("device '" + device + "'", pair, certificate), ca)));
        });
    }

    /** The proxy's side towards devices: it requires certificates signed by the run's CA when devices have them. */
    public ServerTls proxyServer() {
        return new ServerTls(proxyKeys, devices.isEmpty() ? null : InMemoryKeys.trusting(ca));
    }

    /** The proxy's side towards the broker: it verifies the broker against the run's CA and presents its own certificate. */
    public ClientTls proxyClient() {
        return new ClientTls(proxyKeys, InMemoryKeys.trusting(ca));
    }

    /** What a device trusts and, if it has one, the certificate it presents. */
    public ClientTls device(String deviceId) {
        DeviceKeyManager manager = managers.get(deviceId);
        return new ClientTls(manager == null ? null : new KeyManagerFactoryWrapper(manager), InMemoryKeys.trusting(ca));
    }

    /**
     * The device presents {@code certificate} (DER, a lapsed or renewed one from the CA) from its next
     * handshake on.
     *
     * @throws IllegalArgumentException when the device has no key here, or the certificate is not for it
     */
    public void replace(String deviceId, byte[] certificate) {
        KeyPair pair = devices.get(deviceId);
        if (pair == null) {
            throw new IllegalArgumentException("device '" + deviceId + "' has no client certificate here");
        }
        managers.get(deviceId).replace(InMemoryKeys.manager(pair.getPrivate(),
                issued("device '" + deviceId + "'", pair, certificate), ca));
    }

    /** The certificate, checked to be the run's CA's and for this key pair. */
    private X509Certificate issued(String holder, KeyPair pair, byte[] encoded) {
        X509Certificate certificate = decode(encoded);
        try {
            certificate.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the certificate for " + holder + " is not signed by the run's CA", e);
        }
        if (!certificate.getPublicKey().equals(pair.getPublic())) {
            throw new IllegalArgumentException("the certificate for " + holder + " is for another key");
        }
        return certificate;
    }

    private static X509Certificate decode(byte[] encoded) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an X.509 certificate: " + e.getMessage(), e);
        }
    }
}
