package io.cloudcut.cli;

import io.cloudcut.broker.BrokerClosing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C or SIGTERM during a run: rather than dying where it stands, the process interrupts the run,
 * which stops its timeline, ends like any run (devices stopped, ports closed) and writes its report
 * so far; then the process exits with the run's code. The JVM runs this as a shutdown hook, so it
 * waits for the run's thread, at most {@link #LIMIT_SECONDS}: a second signal or a hung run still
 * ends the process.
 */
final class Interruption implements AutoCloseable {

    private static final long LIMIT_SECONDS = 60;

    private final Thread run;
    private final Thread hook;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile int exitCode = CloudCutCommand.EXIT_INFRASTRUCTURE;
    private volatile boolean signalled;

    private Interruption(Thread run) {
        this.run = run;
        this.hook = new Thread(this::interruptAndAwait, "cloudcut-interrupt");
    }

    /** Watches for a signal from now on, to interrupt the calling thread's run. */
    static Interruption ofThisThread() {
        Interruption interruption = new Interruption(Thread.currentThread());
        Runtime.getRuntime().addShutdownHook(interruption.hook);
        return interruption;
    }

    /** The run has written what it had and ends with {@code exitCode}; an interrupted process exits with it. */
    int finished(int exitCode) {
        this.exitCode = exitCode;
        done.countDown();
        return exitCode;
    }

    boolean signalled() {
        return signalled;
    }

    /** No longer watching: the run is over (when the process is already shutting down, the hook stays). */
    @Override
    public void close() {
        done.countDown();
        if (!signalled) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook has started meanwhile: it finishes the process
            }
        }
    }

    private void interruptAndAwait() {
        signalled = true;
        run.interrupt();
        try {
            if (done.await(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                // Halting skips the other hooks, among them the one that waits for brokers still closing.
                BrokerClosing.awaitAll(BrokerClosing.LIMIT);
                // Exit with the run's code; System.exit would wait for this very hook.
                Runtime.getRuntime().halt(exitCode);
            }
        } catch (InterruptedException again) {
            Thread.currentThread().interrupt();
        }
    }
}
