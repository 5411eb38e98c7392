package io.cloudcut.broker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Small TCP checks used before and after starting a broker. */
final class LoopbackPorts {

    private LoopbackPorts() {
    }

    /** A port that is free on {@code address} right now, as chosen by the operating system. */
    static int freePort(InetAddress address) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, address)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Whether {@code port} can be bound on {@code address}. Checked before starting HiveMQ because
     * its own failure to bind says much less than "port in use".
     */
    static boolean isFree(InetAddress address, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Same as Netty's server default: a port in TIME_WAIT after our own restart is fine.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port), 1);
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }

    /** Opens and closes one TCP connection; throws what went wrong, for the caller's message. */
    static void connect(String host, int port, int timeoutMillis) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
        }
    }
}
