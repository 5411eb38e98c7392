package io.cloudcut.fault;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** A device connection and its broker connection. Confined to the link's event loop. */
final class ProxyConnection implements ProxiedConnection {

    /** The name of each side's relay handler, which the MQTT and TLS handlers go before. */
    private static final String RELAY = "relay";

    private final Link link;
    private final Channel client;
    private final InetSocketAddress upstreamAddress;
    /** Null: plain TCP. */
    private final LinkTls tls;
    private final Pipe up = new Pipe(this, Direction.UPSTREAM);
    private final Pipe down = new Pipe(this, Direction.DOWNSTREAM);
    private final DeviceCodec device;
    private final ConnectionRecord record;
    /** What the shared port read of the device before this link took it, until it goes on to the broker. */
    private ByteBuf early;
    /** Whether a fault answers the device's CONNECT itself, so the broker is never contacted. */
    private boolean answering;
    /** Whether a fault keeps this connection from the broker, which has not been contacted. */
    private boolean held;
    /** Whether a fault reset this connection. */
    private boolean reset;
    /** The device's publishes the broker owes an answer; null until the first is sent (read across threads). */
    private volatile BrokerAnswers brokerAnswers;
    /** A PINGREQ the proxy sent the broker for the device, whose PINGRESP the device must not see. */
    private boolean pingedForTheDevice;
    /** Null until connected to the broker. */
    private Channel upstream;
    /** The broker side while its connect is under way; null before and after. */
    private Channel connecting;

    ProxyConnection(Link link, Channel client, InetSocketAddress upstreamAddress, ConnectionRecord record, LinkTls tls,
                    DeviceCodec device) {
        this.link = link;
        this.device = device;
        this.client = client;
        this.upstreamAddress = upstreamAddress;
        this.record = record;
        this.tls = tls;
    }

    ConnectionRecord record() {
        return record;
    }

    /**
     * Called on the accepted device channel, which reads nothing until this link has taken it.
     * {@code read}: null, or what the shared port read of the device before handing it to this link, its
     * CONNECT whole (which {@code device} decoded), to go on as the device's first bytes.
     */
    void start(ByteBuf read) {
        client.pipeline().addLast(RELAY, new RelayHandler(this, Direction.UPSTREAM));
        early = read;
        device.connect().ifPresent(connect -> record.identified(connect.payload().clientIdentifier(), DeviceCodec.versionOf(connect)));
        link.accepted(this);
        if (read != null && client.isOpen()) {
            link.identified(this);
        }
        if (!client.isOpen()) {
            releaseEarly();
            return;
        }
        if (answering) {
            releaseEarly();
            client.config().setAutoRead(true);
            return;
        }
        if (!link.opensUpstream(this)) {
            // Read, so that the faults judge (and swallow) what the device sends, and its close is seen.
            held = true;
            relayEarly();
            client.config().setAutoRead(true);
            return;
        }
        connectUpstream();
    }

    /** Connects a connection held from the broker, now that the link's faults let it through. */
    void releaseHeld() {
        if (!held) {
            return;
        }
        held = false;
        if (client.isActive()) {
            connectUpstream();
        }
    }

    /**
     * Connects the broker side. Meanwhile the device is read, so that its close is seen and cancels the
     * connect (what it sends waits with {@link #early}): a device that gives up on its CONNACK must
     * not leave a connect behind it. A broker whose backlog is full drops SYNs, and each connect
     * would hold a descriptor for Netty's 30 s while the device retried: four workers of 4,500 devices
     * each ran out of open files so against a busy Mosquitto.
     */
    private void connectUpstream() {
        ChannelFuture pending = new Bootstrap()
                .group(client.eventLoop())
                .channel(ProxyTransport.channel())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel broker) {
                        tls.openBrokerTls(broker, upstreamAddress, client);
                        broker.pipeline().addLast(RELAY, new RelayHandler(ProxyConnection.this, Direction.DOWNSTREAM));
                    }
                })
                .connect(upstreamAddress);
        connecting = pending.channel();
        pending.addListener((ChannelFutureListener) this::upstreamConnected);
        client.config().setAutoRead(true);
    }

    private void upstreamConnected(ChannelFuture connected) {
        connecting = null;
        if (!connected.isSuccess()) {
            releaseEarly();
            if (reset && client.isOpen()) {
                abort(client);
            } else {
                client.close();
            }
            return;
        }
        upstream = connected.channel();
        if (!client.isActive()) {
            releaseEarly();
            // A reset while the broker side was connecting resets it too, once it is there.
            if (reset) {
                abort(upstream);
            } else {
                upstream.close();
            }
            return;
        }
        relayEarly();
        client.config().setAutoRead(true);
        upstream.config().setAutoRead(true);
    }

    /** Sends what the shared port read on, through the faults, as if just read. */
    private void relayEarly() {
        ByteBuf bytes = early;
        early = null;
        if (bytes != null) {
            relay(Direction.UPSTREAM, bytes);
            up.flush();
        }
    }

    private void releaseEarly() {
        if (early != null) {
            early.release();
            early = null;
        }
    }

    /** Takes ownership of {@code bytes} read from the side they travel away from. */
    void relay(Direction direction, ByteBuf bytes) {
        if (direction == Direction.UPSTREAM && connecting != null) {
            early = early == null ? bytes : Unpooled.wrappedBuffer(early, bytes);
            return;
        }
        if (direction == Direction.UPSTREAM && device.connect().isEmpty()) {
            device.read(bytes);
            device.connect().ifPresent(this::identified);
        }
        pipe(direction).relay(bytes);
    }

    /** The channel that bytes travelling in {@code direction} are written to; null if not yet connected. */
    Channel target(Direction direction) {
        return direction == Direction.UPSTREAM ? upstream : client;
    }

    Pipe pipe(Direction direction) {
        return direction == Direction.UPSTREAM ? up : down;
    }

    Link link() {
        return link;
    }

    EventLoop loop() {
        return client.eventLoop();
    }

    boolean clientOpen() {
        return client.isOpen();
    }

    /** The side that the bytes travelling in {@code direction} come from has closed. */
    void sideClosed(Direction direction) {
        BrokerAnswers answers = brokerAnswers;
        if (answers != null) {
            // Either side gone, no answer the broker still sends is waited for.
            answers.forget();
        }
        if (direction == Direction.UPSTREAM) {
            link.clientClosed(record);
            device.close();
            if (connecting != null && connecting.isOpen()) {
                closeBrokerSide(connecting);
            }
        }
        pipe(direction).sourceClosed();
        if (!client.isOpen() && (upstream == null || !upstream.isOpen())) {
            up.discardHeld();
            down.discardHeld();
            link.forget(this);
        }
    }

    /** Closes the surviving side of a half-closed connection if the link's faults now let the close through. */
    void reconsiderClose() {
        if (!client.isOpen()) {
            up.passOnClose();
        } else if (upstream != null && !upstream.isOpen()) {
            down.passOnClose();
        }
    }

    /** Both sides, as a middlebox that drops its state answers each with an RST. */
    @Override
    public void reset() {
        if (client.isOpen()) {
            link.resetting();
        }
        abort();
    }

    /** Resets both sides as {@link #reset()} does, for the link's own reasons: no fault's reset is counted. */
    void abort() {
        reset = true;
        if (client.isOpen()) {
            abort(client);
        }
        Channel brokerSide = upstream != null ? upstream : connecting;
        if (brokerSide != null && brokerSide.isOpen()) {
            // Connected, or its connect done but not yet told: the broker sees the reset either way.
            abort(brokerSide);
        }
    }

    /** A broker side still connecting, whose device left: reset if a fault reset the device, else closed. */
    private void closeBrokerSide(Channel brokerSide) {
        if (reset) {
            abort(brokerSide);
        } else {
            brokerSide.close();
        }
    }

    /** Closes with an RST: SO_LINGER 0 discards what is unsent instead of ending with a FIN. */
    private static void abort(Channel channel) {
        channel.config().setOption(ChannelOption.SO_LINGER, 0);
        channel.close();
    }

    @Override
    public void close() {
        client.close();
        closeUpstream();
    }

    private void closeUpstream() {
        if (upstream != null) {
            upstream.close();
        } else if (connecting != null) {
            connecting.close();
        }
    }

    /** {@code packet} as the device's MQTT version encodes it, for either side: both speak the version of the device's CONNECT. */
    ByteBuf encode(MqttMessage packet) {
        return device.encode(packet);
    }

    /**
     * A fault dropped the device's publish and answered it: the broker hears from the device all the same, as a broker
     * that discards a publish has still heard from its client. Without it, a client that pings only when it has neither
     * sent nor read anything for a keepalive (the HiveMQ client) and publishes only into the fault was closed by the
     * broker for keep alive timeout. One PINGREQ at a time, and only while the broker's answers are read packet by packet, so that
     * its PINGRESP goes no further.
     */
    void letTheBrokerHearFromTheDevice() {
        if (!pingedForTheDevice && down.readsPackets()) {
            pingedForTheDevice = true;
            up.inject(encode(MqttMessage.PINGREQ));
        }
    }

    /** Whether {@code packet}, read in {@code direction}, answers the proxy's own PINGREQ: it then goes no further. */
    boolean answersTheProxysPing(Direction direction, MqttMessage packet) {
        if (direction != Direction.DOWNSTREAM || !pingedForTheDevice || packet.fixedHeader().messageType() != MqttMessageType.PINGRESP) {
            return false;
        }
        pingedForTheDevice = false;
        return true;
    }

    /**
     * Whether its pipes read packets from their first byte, whatever the faults: an MQTT 5 connection (or one whose
     * CONNECT is not whole yet, which may prove to be). Either side may send a topic once with an alias and then the
     * alias alone, so a fault begun later, judging PUBLISHes by their topic, must have seen every alias set.
     */
    boolean mayUseTopicAliases() {
        return device.version().map(MqttVersion.MQTT_5::equals).orElse(!device.gaveUp());
    }

    boolean speaksMqttFive() {
        return device.version().filter(MqttVersion.MQTT_5::equals).isPresent();
    }

    @Override
    public Optional<MqttVersion> mqttVersion() {
        return device.version();
    }

    @Override
    public void closeAfter(MqttMessage packet) {
        if (!client.isOpen()) {
            return;
        }
        down.inject(encode(packet));
        closeUpstream();
        // Through the downstream pipe, so the close follows the packet.
        down.passOnClose();
    }

    /** Its CONNECT was read: the connection is known by its client id from now on. */
    private void identified(MqttConnectMessage connect) {
        record.identified(connect.payload().clientIdentifier(), DeviceCodec.versionOf(connect));
        link.identified(this);
    }

    /** Bytes written to the side that {@code direction} leads to. */
    void forwarded(Direction direction, int length) {
        link.forwarded(direction, length);
        record.forwarded(direction, length);
    }

    /** A whole packet passed the faults towards the side that {@code direction} leads to, to leave in {@code delayMillis}. */
    void forwardedPacket(Direction direction, MqttMessage packet, long delayMillis) {
        record.forwardedPacket(direction);
        if (direction == Direction.UPSTREAM && packet instanceof MqttPublishMessage publish
                && publish.fixedHeader().qosLevel() != MqttQoS.AT_MOST_ONCE) {
            sentToTheBroker(publish.variableHeader().packetId(), delayMillis);
        }
        if (direction == Direction.DOWNSTREAM && packet.fixedHeader().messageType() == MqttMessageType.CONNACK) {
            connackSent(packet);
        }
    }

    /** The publish {@code id} leaves for the broker in {@code delayMillis}: from then on the broker owes it an answer. */
    void sentToTheBroker(int id, long delayMillis) {
        BrokerAnswers answers = brokerAnswers;
        if (answers == null) {
            answers = new BrokerAnswers();
            brokerAnswers = answers;
        }
        answers.sent(id, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis));
    }

    /** {@code packet} was read from the broker: if it answers one of the device's publishes, that publish waits no more. */
    void readFromTheBroker(MqttMessage packet) {
        MqttMessageType type = packet.fixedHeader().messageType();
        BrokerAnswers answers = brokerAnswers;
        if (answers != null && (type == MqttMessageType.PUBACK || type == MqttMessageType.PUBREC)
                && packet.variableHeader() instanceof MqttMessageIdVariableHeader answered) {
            answers.answered(answered.messageId());
        }
    }

    /** Whether a device publish waits for the broker's answer. */
    boolean awaitsBrokerAnswers() {
        BrokerAnswers answers = brokerAnswers;
        return answers != null && answers.waiting();
    }

    /** How long the device's publish the broker has left unanswered the longest has waited at {@code nowNanos}; 0 if none. */
    long longestBrokerAnswerNanos(long nowNanos) {
        BrokerAnswers answers = brokerAnswers;
        return answers == null ? 0 : answers.longestWaitNanos(nowNanos);
    }

    private void connackSent(MqttMessage connack) {
        int code = ((MqttConnAckMessage) connack).variableHeader().connectReturnCode().byteValue() & 0xFF;
        record.connack(code);
        if (code != 0) {
            link.refusedLogin();
        }
    }

    /**
     * Before the broker is contacted, the CONNECT is decoded on the device channel and answered there.
     * Once the CONNECT was read (by the shared port, or for a broker-bound connection that a fault chose
     * by client id), the answer goes down in its place and the broker side, if any, is closed before the
     * CONNECT reaches it.
     */
    @Override
    public void answerConnect(Function<MqttConnectMessage, MqttMessage> answer) {
        Function<MqttConnectMessage, MqttMessage> recorded = connect -> {
            record.identified(connect.payload().clientIdentifier(), DeviceCodec.versionOf(connect));
            MqttMessage reply = answer.apply(connect);
            connackSent(reply);
            return reply;
        };
        answering = true;
        if (device.connect().isPresent()) {
            closeAfter(recorded.apply(device.connect().get()));
            return;
        }
        // Ahead of the relay handler, which then sees only the close; behind TLS, if any.
        client.pipeline().addBefore(RELAY, null, new MqttDecoder())
                .addBefore(RELAY, null, MqttEncoder.INSTANCE)
                .addBefore(RELAY, null, new ConnectAnswer(recorded));
    }
}
