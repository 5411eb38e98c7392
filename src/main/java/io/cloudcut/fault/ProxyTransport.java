package io.cloudcut.fault;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The proxy's sockets: Linux's epoll through Netty's native transport where its library loads, Java's NIO
 * elsewhere. Each packet a proxied device sends crosses three sockets where a bare client's crosses one,
 * so their system calls are most of what a device's start costs: on epoll a 1,000-device fleet started
 * with a fifth less CPU a device (BENCHMARKS.md, "The native transport").
 */
final class ProxyTransport {

    private static final boolean EPOLL = Epoll.isAvailable();

    private ProxyTransport() {
    }

    static IoHandlerFactory ioHandler() {
        return EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    static Class<? extends ServerSocketChannel> serverChannel() {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    static Class<? extends SocketChannel> channel() {
        return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
