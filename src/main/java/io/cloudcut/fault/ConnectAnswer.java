package io.cloudcut.fault;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessage;

import java.util.function.Function;

/**
 * Answers a device's CONNECT in place of the broker, with the packet {@code answer} makes of it, then
 * closes; anything but a CONNECT first is closed on without an answer, as a broker does. Sits behind an
 * MqttDecoder and MqttEncoder on the device channel, so the answer is encoded in the device's MQTT version.
 */
final class ConnectAnswer extends SimpleChannelInboundHandler<MqttMessage> {

    private final Function<MqttConnectMessage, MqttMessage> answer;
    private boolean answered;

    ConnectAnswer(Function<MqttConnectMessage, MqttMessage> answer) {
        this.answer = answer;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, MqttMessage packet) {
        if (answered) {
            return;
        }
        answered = true;
        Object reply = packet instanceof MqttConnectMessage connect && packet.decoderResult().isSuccess()
                ? answer.apply(connect) : Unpooled.EMPTY_BUFFER;
        ctx.writeAndFlush(reply).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
