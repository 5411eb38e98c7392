package io.cloudcut.trust;

/** How devices reach the broker: plain TCP, TLS with the broker verified, or TLS with a certificate on both sides. */
public enum TransportSecurity {
    PLAIN,
    /** Devices verify the broker's certificate against the run's CA. */
    TLS,
    /** As {@link #TLS}, and each device presents its own client certificate, which the broker requires and verifies. */
    MUTUAL_TLS;

    public boolean encrypted() {
        return this != PLAIN;
    }
}
