package io.cloudcut.fuzz;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Sends PUBLISH packets whose topic is not valid UTF-8, which no MQTT client library will write: each
 * is encoded by netty's MQTT codec with a placeholder in the topic, whose bytes are then overwritten
 * by an invalid sequence of the same length. The protocol says a server must close the connection of
 * a client that does this; each packet goes on its own connection, and what the broker did is counted.
 * On a plain thread: it blocks.
 */
final class InvalidTopics {

    private static final String PLACEHOLDER = "\u0001\u0001";
    private static final byte[] INVALID = {(byte) 0xC3, 0x28};
    /** How long the broker may take to close the connection before it counts as kept open. */
    private static final int CLOSE_LIMIT_MILLIS = 10_000;

    private InvalidTopics() {
    }

    /** How a broker answered such packets: closed the connection, or kept it open. */
    record Outcome(int sent, int closedByBroker) {
    }

    /** Sends one packet per topic, its last two characters replaced by an invalid sequence. */
    static Outcome send(String host, int port, Iterable<String> topics) throws IOException {
        int sent = 0;
        int closed = 0;
        for (String topic : topics) {
            try (Socket socket = new Socket(host, port)) {
                socket.setSoTimeout(CLOSE_LIMIT_MILLIS);
                socket.getOutputStream().write(encode(MqttMessageBuilders.connect().clientId("cloudcut-fuzz-topic-" + sent)
                        .protocolVersion(MqttVersion.MQTT_3_1_1).cleanSession(true).keepAlive(30).build()));
                InputStream in = socket.getInputStream();
                if (in.readNBytes(4).length < 4) {
                    throw new IOException("the broker closed the connection before its CONNACK");
                }
                socket.getOutputStream().write(withInvalidTopic(topic + PLACEHOLDER));
                sent++;
                if (closedByPeer(in)) {
                    closed++;
                }
            }
        }
        return new Outcome(sent, closed);
    }

    private static boolean closedByPeer(InputStream in) {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException keptOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static byte[] withInvalidTopic(String topic) {
        byte[] packet = encode(MqttMessageBuilders.publish().topicName(topic).qos(MqttQoS.AT_MOST_ONCE).retained(false)
                .payload(Unpooled.wrappedBuffer("{}".getBytes(StandardCharsets.UTF_8))).build());
        byte[] placeholder = PLACEHOLDER.getBytes(StandardCharsets.UTF_8);
        int at = indexOf(packet, placeholder);
        System.arraycopy(INVALID, 0, packet, at, INVALID.length);
        return packet;
    }

    private static byte[] encode(MqttMessage message) {
        EmbeddedChannel channel = new EmbeddedChannel(MqttEncoder.INSTANCE);
        try {
            channel.writeOutbound(message);
            ByteBuf encoded = channel.readOutbound();
            try {
                return ByteBufUtil.getBytes(encoded);
            } finally {
                encoded.release();
            }
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    private static int indexOf(byte[] packet, byte[] part) {
        for (int i = 0; i + part.length <= packet.length; i++) {
            boolean match = true;
            for (int j = 0; j < part.length && match; j++) {
                match = packet[i + j] == part[j];
            }
            if (match) {
                return i;
            }
        }
        throw new IllegalStateException("the encoded PUBLISH has no placeholder");
    }
}
