package io.cloudcut.scenario;

import java.util.Locale;
import java.util.Set;

/**
 * An HTTP request that starts a function on an external device, on loopback: it worked when the
 * answer has status {@code okStatus} (200 unless said) and, if {@code okField} is given, a JSON body
 * whose field of that name is {@code true}. Any other answer is the device's refusal; no answer in
 * the probe's timeout is a time-out. {@code {probeId}} in the body stands for the probe's id, which a
 * device that reports to the cloud passes on with the event, so that the phone app can match it.
 */
public record HttpProbe(String method, String url, String body, Integer okStatus, String okField) {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    public static final String PROBE_ID = "{probeId}";

    public HttpProbe {
        method = Checks.orDefault(method, "POST").toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new FieldProblem("/method", "method must be one of " + METHODS.stream().sorted().toList()
                    + ", got '" + method + "'");
        }
        Checks.onLoopback(url, "url", "http", "http://127.0.0.1:PORT/... (the device on loopback)");
        okStatus = Checks.orDefault(okStatus, 200);
        if (okStatus < 100 || okStatus > 599) {
            throw new FieldProblem("/okStatus", "okStatus must be an HTTP status from 100 to 599, got " + okStatus);
        }
    }

    /** The body to send for one probe; empty when none is said. */
    public String bodyFor(String probeId) {
        return body == null ? "" : body.replace(PROBE_ID, probeId);
    }
}
