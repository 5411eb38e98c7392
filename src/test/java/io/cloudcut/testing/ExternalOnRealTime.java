package io.cloudcut.testing;

/**
 * A scenario at 3600x whose one external device, a bench doorbell probed over HTTP, states no pace of its
 * own (real time): what {@code run} and {@code validate} refuse before anything starts.
 */
public final class ExternalOnRealTime {

    public static final String YAML = """
            name: bench
            timeScale: 3600
            external:
              - id: bench-doorbell
                model: doorbell-cloud-only
                listen: 127.0.0.1:18831
                probes:
                  chime: {http: {url: "http://127.0.0.1:8081/functions/chime"}}
                  motion-alert: {http: {url: "http://127.0.0.1:8081/functions/motion-alert"}}
                  push-notification: {http: {url: "http://127.0.0.1:8081/functions/push-notification"}}
            phases:
              - {name: baseline, kind: baseline, duration: 1h}
              - {name: outage, kind: outage, duration: 1h, faults: [{link: all, fault: blackhole}]}
            """;

    private ExternalOnRealTime() {
    }
}
