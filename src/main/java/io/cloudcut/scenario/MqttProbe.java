package io.cloudcut.scenario;

import java.net.URI;

/**
 * A message on the home network's MQTT broker that starts a function on an external device, as a
 * dashboard on the same network would send it: {@code payload} published on {@code topic} at
 * {@code broker} (a broker on loopback, not the run's: it stays up when the cloud is cut). The device
 * answers on {@code answerTopic}. When the payload carries {@code {probeId}}, which stands for the
 * probe's id, the answer is the JSON object on that topic whose {@code probeId} is that id; otherwise
 * the first message there after the request. It worked when {@code okField}, if given, is {@code true}
 * in the answer; any other answer is the device's refusal, none in the probe's timeout a time-out.
 */
public record MqttProbe(String broker, String topic, String payload, String answerTopic, String okField) {

    /** What {@code cloudcut device --local-broker} takes: the probe's id and nothing else. */
    static final String DEFAULT_PAYLOAD = "{\"probeId\": \"" + HttpProbe.PROBE_ID + "\"}";

    public MqttProbe {
        Checks.onLoopback(broker, "broker", "tcp", "tcp://127.0.0.1:PORT (the home network's broker, on loopback)");
        Checks.present(topic, "topic");
        Checks.present(answerTopic, "answerTopic");
        for (String field : new String[] {"topic", "answerTopic"}) {
            String name = field.equals("topic") ? topic : answerTopic;
            if (name.contains("+") || name.contains("#")) {
                throw new FieldProblem("/" + field, field + " must be a topic name, without wildcards, got '" + name + "'");
            }
        }
        payload = Checks.orDefault(payload, DEFAULT_PAYLOAD);
    }

    public String host() {
        return URI.create(broker).getHost();
    }

    public int port() {
        return URI.create(broker).getPort();
    }

    /** The payload of one probe. */
    public String payloadFor(String probeId) {
        return payload.replace(HttpProbe.PROBE_ID, probeId);
    }

    /** Whether answers name the probe they answer, so that probes in flight together are told apart. */
    public boolean answersNameTheProbe() {
        return payload.contains(HttpProbe.PROBE_ID);
    }
}
