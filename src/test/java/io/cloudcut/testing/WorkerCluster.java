package io.cloudcut.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real {@code cloudcut worker} JVMs in a Hazelcast cluster on loopback, with a port kept for the
 * coordinator that {@link #runArguments} make of a {@code cloudcut run}.
 */
public final class WorkerCluster implements AutoCloseable {

    private final int coordinatorPort;
    private final String members;
    private final List<WorkerProcess> workers;

    private WorkerCluster(int coordinatorPort, String members, List<WorkerProcess> workers) {
        this.coordinatorPort = coordinatorPort;
        this.members = members;
        this.workers = workers;
    }

    /** Starts one worker per name, logging in {@code dir}, and waits until each is ready. */
    public static WorkerCluster start(Path dir, String... names) throws IOException {
        int coordinator = freePort();
        List<Integer> ports = new ArrayList<>();
        StringBuilder members = new StringBuilder("127.0.0.1:" + coordinator);
        for (int index = 0; index < names.length; index++) {
            ports.add(freePort());
            members.append(",127.0.0.1:").append(ports.get(index));
        }
        List<WorkerProcess> workers = new ArrayList<>();
        for (int index = 0; index < names.length; index++) {
            workers.add(WorkerProcess.start(names[index], ports.get(index), members.toString(), dir));
        }
        workers.forEach(WorkerProcess::awaitReady);
        return new WorkerCluster(coordinator, members.toString(), workers);
    }

    /** What a {@code cloudcut run} takes to spread its fleet over every worker here. */
    public List<String> runArguments() {
        return List.of("--workers", String.valueOf(workers.size()), "--cluster", members,
                "--cluster-port", String.valueOf(coordinatorPort));
    }

    public List<WorkerProcess> workers() {
        return workers;
    }

    /** Everything the workers printed so far, one after the other. */
    public String output() throws IOException {
        StringBuilder all = new StringBuilder();
        for (WorkerProcess worker : workers) {
            all.append(worker.output());
        }
        return all.toString();
    }

    @Override
    public void close() {
        workers.forEach(WorkerProcess::close);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
