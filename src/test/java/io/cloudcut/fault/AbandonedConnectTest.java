package io.cloudcut.fault;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A device that gives up while the proxy is still connecting to the broker for it takes that connect
 * with it. The broker here is a socket whose backlog is full, as a busy broker's is: the kernel drops
 * the SYNs of further connects, which would wait out Netty's 30 s, holding a descriptor each, while
 * the device retried.
 */
class AbandonedConnectTest {

    private static final int DEVICES = 50;

    private final List<Socket> backlog = new ArrayList<>();
    private ServerSocket busyBroker;
    private FaultProxy proxy;

    @AfterEach
    void close() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
        for (Socket socket : backlog) {
            socket.close();
        }
        if (busyBroker != null) {
            busyBroker.close();
        }
    }

    @Test
    void aDeviceThatClosesWhileTheBrokerSideConnects_cancelsThatConnect() throws Exception {
        busyBroker = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        fillTheBacklog();
        proxy = FaultProxy.create("127.0.0.1", busyBroker.getLocalPort());
        Link link = proxy.openLink("device");

        List<Socket> devices = new ArrayList<>();
        for (int n = 0; n < DEVICES; n++) {
            Socket device = new Socket("127.0.0.1", link.port());
            device.getOutputStream().write(new byte[] {0x10, 0x00}); // the start of a CONNECT
            devices.add(device);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(connectsUnderWay())
                .as("the proxy's connects for its devices, waiting on the busy broker").isEqualTo(DEVICES));

        for (Socket device : devices) {
            device.close();
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(connectsUnderWay())
                .as("connects to the busy broker still under way (SYN-SENT) after their devices left").isZero());
    }

    /** Connects until one is left waiting: the accept queue is full, and the kernel drops further SYNs. */
    private void fillTheBacklog() throws IOException {
        for (int n = 0; n < 16; n++) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), busyBroker.getLocalPort()), 300);
                backlog.add(socket);
            } catch (SocketTimeoutException full) {
                socket.close();
                return;
            }
        }
        throw new IllegalStateException("the backlog of " + busyBroker + " never filled");
    }

    /** This machine's TCP sockets in SYN-SENT towards the busy broker's port (/proc/net/tcp and tcp6: state 02). */
    private long connectsUnderWay() throws IOException {
        String port = String.format(Locale.ROOT, ":%04X", busyBroker.getLocalPort());
        long count = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            count += Files.readAllLines(Path.of(table)).stream().skip(1)
                    .map(line -> line.trim().split("\\s+"))
                    .filter(fields -> fields[2].endsWith(port) && fields[3].equals("02"))
                    .count();
        }
        return count;
    }
}
