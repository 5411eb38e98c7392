package io.cloudcut.scenario;

/** How one function of an {@link ExternalDevice} is started on the device: an HTTP request on loopback. */
public record ExternalProbe(HttpProbe http) {

    public ExternalProbe {
        Checks.present(http, "http");
    }
}
