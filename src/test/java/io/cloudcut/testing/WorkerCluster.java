package io.cloudcut.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real {@code cloudcut worker} JVMs in a Hazelcast cluster on loopback, with a port kept for the
 * coordinator that {@link #runArguments} make of a {@code cloudcut run}. A worker hosts one run at a
 * time and is ready for the next once a run ends, so classes that run on two workers share
 * {@link TwoWorkers}' cluster instead of starting their own.
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
        int coordinator = FreePorts.onLoopback();
        List<Integer> ports = new ArrayList<>();
        StringBuilder members = new StringBuilder("127.0.0.1:" + coordinator);
        for (int index = 0; index < names.length; index++) {
            ports.add(FreePorts.onLoopback());
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

    /** How much each worker has printed so far, in order: a mark for {@link #printedSince}. */
    public List<Integer> printed() throws IOException {
        List<Integer> lengths = new ArrayList<>();
        for (WorkerProcess worker : workers) {
            lengths.add(worker.output().length());
        }
        return lengths;
    }

    /** What each worker printed after {@code mark}, in order: one run's lines, when the mark was taken before it. */
    public List<String> printedSince(List<Integer> mark) throws IOException {
        List<String> since = new ArrayList<>();
        for (int index = 0; index < workers.size(); index++) {
            since.add(workers.get(index).output().substring(mark.get(index)));
        }
        return since;
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

    /**
     * Gives a test class's {@code @BeforeAll} the two workers w1 and w2 of this test JVM: started by the
     * first class that asks, stopped (and their logs deleted) when the JVM's tests are done. Two worker
     * JVMs cost about as much to start as a clustered run takes, on this machine.
     */
    public static final class TwoWorkers implements ParameterResolver {

        private static final ExtensionContext.Namespace SHARED = ExtensionContext.Namespace.create(TwoWorkers.class);

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == WorkerCluster.class;
        }

        @Override
        public WorkerCluster resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(SHARED).getOrComputeIfAbsent(WorkerCluster.class, key -> startShared(),
                    Shared.class).cluster();
        }

        private static Shared startShared() {
            try {
                Path logs = Files.createTempDirectory("cloudcut-workers");
                return new Shared(start(logs, "w1", "w2"), logs);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Closed by JUnit with the root context's store (an {@link AutoCloseable} in a store is, since JUnit 5.13). */
        private record Shared(WorkerCluster cluster, Path logs) implements AutoCloseable {
            @Override
            public void close() throws IOException {
                cluster.close();
                TempFolders.delete(logs);
            }
        }
    }

}
