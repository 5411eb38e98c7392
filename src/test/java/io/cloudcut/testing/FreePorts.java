package io.cloudcut.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A port of 127.0.0.1 that nothing listens on at this moment, for servers a test starts outside the JVM's reach. */
public final class FreePorts {

    private FreePorts() {
    }

    public static int onLoopback() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
