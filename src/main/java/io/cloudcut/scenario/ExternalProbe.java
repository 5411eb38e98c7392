package io.cloudcut.scenario;

/**
 * How one function of an {@link ExternalDevice} is started on the device: an HTTP request on loopback,
 * or a message on the home network's MQTT broker; exactly one of them.
 */
public record ExternalProbe(HttpProbe http, MqttProbe mqtt) {

    public ExternalProbe {
        if ((http == null) == (mqtt == null)) {
            throw new FieldProblem("", "a probe needs exactly one of http and mqtt, got "
                    + (http == null ? "neither" : "both"));
        }
    }
}
