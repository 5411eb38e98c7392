package io.cloudcut.fault;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;

import static io.cloudcut.fault.VertxFutures.join;

/** A trivial TCP echo server on loopback, and clients that record what comes back. */
final class EchoServer implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final NetServer server;
    /** The server side of the connections the echo server accepted since the last {@link #connect}, latest last. */
    final BlockingDeque<NetSocket> serverSides = new LinkedBlockingDeque<>();

    EchoServer() throws Exception {
        server = join(vertx.createNetServer()
                .connectHandler(socket -> {
                    serverSides.add(socket);
                    socket.pipeTo(socket);
                })
                .listen(0, "127.0.0.1"));
    }

    int port() {
        return server.actualPort();
    }

    /** A client connected to {@code link}. */
    Received connect(Link link) throws Exception {
        serverSides.clear();
        NetSocket socket = join(vertx.createNetClient().connect(link.port(), link.host()));
        Received received = new Received(socket);
        socket.handler(received::append);
        socket.closeHandler(nothing -> received.closed.complete(System.nanoTime()));
        return received;
    }

    @Override
    public void close() throws Exception {
        join(vertx.close());
    }

    /** What came back on one socket; appended on its event loop, read from the test thread. */
    static final class Received {
        final NetSocket socket;
        /** Completes with {@link System#nanoTime()} when the socket closes. */
        final CompletableFuture<Long> closed = new CompletableFuture<>();
        private final Buffer buffer = Buffer.buffer();

        Received(NetSocket socket) {
            this.socket = socket;
        }

        synchronized void append(Buffer chunk) {
            buffer.appendBuffer(chunk);
        }

        synchronized int length() {
            return buffer.length();
        }

        synchronized byte[] bytes() {
            return buffer.getBytes();
        }

        synchronized String text() {
            return buffer.toString();
        }
    }
}
