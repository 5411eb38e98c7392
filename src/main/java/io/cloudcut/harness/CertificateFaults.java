package io.cloudcut.harness;

import io.cloudcut.trust.RunCertificates;
import io.vertx.core.Future;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code cert-expiry} faults of a mutual TLS run: the targeted devices' client certificates
 * lapse while the fault is active and are renewed when it ends. The run's CA issues each lapsed or
 * renewed certificate; devices in another process get it from their host. A lapse takes effect at a
 * device's next handshake, as a real one does.
 */
final class CertificateFaults {

    /** Null in a run without client certificates, where {@link ScenarioRunner#check} refuses such faults. */
    private final RunCertificates certificates;
    private final DeviceHost host;
    private Set<String> lapsed = Set.of();

    CertificateFaults(RunCertificates certificates, DeviceHost host) {
        this.certificates = certificates;
        this.host = host;
    }

    /** Lapses these devices' certificates too, renewing none yet. */
    Future<Void> lapseAlso(Set<String> devices) {
        Set<String> both = new HashSet<>(lapsed);
        both.addAll(devices);
        return lapseExactly(both);
    }

    /**
     * Makes exactly these devices' certificates lapsed: new ones lapse, the others are renewed.
     * Completes once every device concerned holds its new certificate.
     */
    Future<Void> lapseExactly(Set<String> devices) {
        if (devices.equals(lapsed)) {
            return Future.succeededFuture();
        }
        if (certificates == null) {
            throw new IllegalStateException("cert-expiry in a run without client certificates");
        }
        Map<String, byte[]> reissued = new LinkedHashMap<>();
        devices.stream().filter(device -> !lapsed.contains(device))
                .forEach(device -> reissued.put(device, certificates.expire(device)));
        lapsed.stream().filter(device -> !devices.contains(device))
                .forEach(device -> reissued.put(device, certificates.renew(device)));
        lapsed = Set.copyOf(devices);
        return host.present(reissued);
    }
}
