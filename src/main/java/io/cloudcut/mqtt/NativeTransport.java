package io.cloudcut.mqtt;

import io.vertx.core.VertxOptions;

/**
 * The options every Vert.x of CloudCut starts from: Netty's native transport (Linux's epoll) where its
 * library loads, Java's NIO elsewhere, as Vert.x falls back by itself. The Vert.x stack's sockets then
 * cost fewer system calls a packet, which is most of what a device's start costs on a loaded machine;
 * the HiveMQ client finds the same library on its own.
 */
public final class NativeTransport {

    private NativeTransport() {
    }

    public static VertxOptions vertxOptions() {
        return new VertxOptions().setPreferNativeTransport(true);
    }
}
