package io.cloudcut.harness;

import io.cloudcut.trust.RunCertificates;

import java.util.Set;

/**
 * The {@code cert-expiry} faults of a mutual TLS run: the targeted devices' client certificates
 * lapse while the fault is active and are renewed when it ends. A lapse takes effect at a device's
 * next handshake, as a real one does.
 */
final class CertificateFaults {

    /** Null in a run without client certificates, where {@link ScenarioRunner#check} refuses such faults. */
    private final RunCertificates certificates;
    private Set<String> lapsed = Set.of();

    CertificateFaults(RunCertificates certificates) {
        this.certificates = certificates;
    }

    /** Makes exactly these devices' certificates lapsed: new ones lapse, the others are renewed. */
    void lapseExactly(Set<String> devices) {
        if (devices.equals(lapsed)) {
            return;
        }
        if (certificates == null) {
            throw new IllegalStateException("cert-expiry in a run without client certificates");
        }
        devices.stream().filter(device -> !lapsed.contains(device)).forEach(certificates::expire);
        lapsed.stream().filter(device -> !devices.contains(device)).forEach(certificates::renew);
        lapsed = Set.copyOf(devices);
    }
}
