package io.cloudcut.harness;

import io.cloudcut.trust.BrokerTrust;
import io.cloudcut.trust.RunCertificates;

/**
 * TLS for a fleet on workers, as it reaches them. Towards devices, with {@code certificates} (null:
 * plain TCP), the run's CA certifies the keys each worker makes for its proxy and, with {@code mutual},
 * for each of its devices. Towards an external broker over TLS, with {@code broker} (null: the
 * embedded broker, over the run's TLS when devices have it), the workers' proxies trust the broker's
 * CA. Only certificates travel, never a private key: a broker that wants the harness's certificate
 * ({@link BrokerTrust#presentsCertificate}) is refused with workers before the run starts.
 */
record WorkerTls(RunCertificates certificates, boolean mutual, BrokerTrust broker) {
}
