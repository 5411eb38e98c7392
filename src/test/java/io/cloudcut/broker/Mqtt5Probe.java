package io.cloudcut.broker;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A minimal MQTT 5 client built on Netty's MQTT codec: the Vert.x 5 MQTT client speaks only
 * 3.1.1, and the project has no other MQTT 5 client. Enough for connect, subscribe, QoS 1 publish.
 */
final class Mqtt5Probe implements AutoCloseable {

    /** What came back from the broker; PUBLISH is copied out because Netty frees its buffer. */
    sealed interface Received permits Packet, Publish {
    }

    record Packet(MqttMessage message) implements Received {
    }

    record Publish(String topic, int packetId, String payload) implements Received {
    }

    private static final long TIMEOUT_SECONDS = 15;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final Channel channel;
    private volatile Throwable failure;

    Mqtt5Probe(BrokerEndpoint endpoint) throws InterruptedException {
        channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(MqttEncoder.INSTANCE, new MqttDecoder(), new Collector());
                    }
                })
                .connect(endpoint.host(), endpoint.port()).sync().channel();
    }

    /** Sends an MQTT 5 CONNECT and returns the CONNACK. */
    MqttConnAckMessage connect(int keepAliveSeconds) throws InterruptedException {
        send(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5)
                .clientId("probe5-" + UUID.randomUUID()).cleanSession(true).keepAlive(keepAliveSeconds).build());
        return (MqttConnAckMessage) next(MqttMessageType.CONNACK);
    }

    MqttSubAckMessage subscribe(String topic, int packetId) throws InterruptedException {
        send(MqttMessageBuilders.subscribe().messageId(packetId).addSubscription(MqttQoS.AT_LEAST_ONCE, topic).build());
        return (MqttSubAckMessage) next(MqttMessageType.SUBACK);
    }

    /** Publishes QoS 1 and returns the message delivered back to this client's own subscription. */
    Publish publishAndReceiveOwn(String topic, String payload, int packetId) throws InterruptedException {
        MqttPublishMessage publish = MqttMessageBuilders.publish().topicName(topic).qos(MqttQoS.AT_LEAST_ONCE)
                .messageId(packetId).retained(false)
                .payload(Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8)).build();
        send(publish);
        boolean acked = false;
        Publish delivered = null;
        while (!acked || delivered == null) { // PUBACK and the delivery arrive in either order
            Received next = poll();
            if (next instanceof Publish p) {
                delivered = p;
                send(MqttMessageBuilders.pubAck().packetId(p.packetId()).reasonCode((byte) 0).build());
            } else if (typeOf(next) == MqttMessageType.PUBACK) {
                acked = true;
            }
        }
        return delivered;
    }

    @Override
    public void close() {
        if (channel.isActive()) {
            channel.writeAndFlush(MqttMessageBuilders.disconnect().build()).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private void send(MqttMessage message) throws InterruptedException {
        channel.writeAndFlush(message).sync();
    }

    private MqttMessage next(MqttMessageType type) throws InterruptedException {
        Received next = poll();
        if (typeOf(next) == type) {
            return ((Packet) next).message();
        }
        throw new AssertionError("expected " + type + " but received " + next);
    }

    private Received poll() throws InterruptedException {
        Received next = received.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("nothing received from the broker within " + TIMEOUT_SECONDS + " s", failure);
        }
        return next;
    }

    private static MqttMessageType typeOf(Received received) {
        return received instanceof Packet p && p.message().fixedHeader() != null
                ? p.message().fixedHeader().messageType() : null;
    }

    private final class Collector extends SimpleChannelInboundHandler<MqttMessage> {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failure = cause;
            ctx.close();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, MqttMessage message) {
            if (message.decoderResult().isFailure()) {
                failure = message.decoderResult().cause();
                ctx.close();
                return;
            }
            if (message instanceof MqttPublishMessage publish) {
                received.add(new Publish(publish.variableHeader().topicName(), publish.variableHeader().packetId(),
                        publish.payload().toString(StandardCharsets.UTF_8)));
            } else {
                received.add(new Packet(message));
            }
        }
    }
}
