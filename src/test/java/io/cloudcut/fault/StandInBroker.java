package io.cloudcut.fault;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** A plain TCP server on 127.0.0.1 standing in for the broker: it accepts, and keeps the broker's side of each connection. */
final class StandInBroker implements AutoCloseable {

    private final ServerSocket server;
    /** The broker's side of every connection made to it, in order. */
    private final BlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();

    StandInBroker() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    accepted.add(server.accept());
                }
            } catch (IOException closed) {
                // The test is over.
            }
        }, "stand-in-broker");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    BlockingQueue<Socket> accepted() {
        return accepted;
    }

    /** Closes the server and the broker's side of every connection. */
    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }
}
