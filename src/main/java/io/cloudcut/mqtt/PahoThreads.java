package io.cloudcut.mqtt;

import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads every Paho client of this JVM runs on, as Paho's constructors allow. Left to itself, Paho 1.2.5 starts
 * new threads for each connection (its receiver, its sender and its callbacks), one for each connect attempt, and a
 * {@code Timer} for each keepalive: five thread starts a device at each reconnect, 5,000 in the storm of a 1,000-device
 * fleet, on the two cores the harness measures with. Here its long-running loops take a thread of a pool that grows as
 * they need (each holds one while its connection lasts, as before: no loop waits for another's) and keeps an idle one
 * for the next, and the keepalives share one scheduling thread. What a device sends and when is Paho's as before, but
 * for its CONNECT, sent as soon as the loops a connect starts run rather than after Paho's 100 ms polls for them. A
 * connect that would wait for ever for a loop, as Paho's does at times, is ended ({@link PahoConnects}).
 * <p>
 * Paho never shuts down an executor it is given, so one serves every client of the JVM; its threads are daemons, and
 * an idle one ends after a minute.
 */
final class PahoThreads extends AbstractExecutorService implements ScheduledExecutorService {

    static final PahoThreads SHARED = new PahoThreads();
    private static final long IDLE_SECONDS = 60;

    private final ThreadPoolExecutor loops = new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_SECONDS, TimeUnit.SECONDS,
            new SynchronousQueue<>(), new DefaultThreadFactory("cloudcut-paho", true));
    private final ScheduledThreadPoolExecutor keepalives = new ScheduledThreadPoolExecutor(1,
            new DefaultThreadFactory("cloudcut-paho-keepalive", true));

    /** Its looks have a thread of their own: on the keepalives' they would delay devices' pings. */
    private final PahoConnects connects = new PahoConnects(
            Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("cloudcut-paho-connects", true)));

    PahoThreads() {
        keepalives.setRemoveOnCancelPolicy(true);
    }

    /**
     * Runs Paho's task on a pool thread, which gets its own name back afterwards: Paho names the thread after the
     * device and the loop, and an idle thread named so would read as that device's in a thread dump.
     */
    @Override
    public void execute(Runnable command) {
        Runnable task = PahoConnects.isConnect(command) ? connects.track(command)
                : command instanceof Submitted<?> submitted
                ? connects.loopStartedFrom(Thread.currentThread(), PahoConnects.loopRunning(submitted.task), command)
                : command;
        loops.execute(() -> {
            Thread thread = Thread.currentThread();
            String poolName = thread.getName();
            try {
                task.run();
            } finally {
                thread.setName(poolName);
            }
        });
    }

    /** Paho submits its loops: each is wrapped so that it still knows which loop it runs. */
    @Override
    protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
        return new Submitted<>(runnable, value);
    }

    /** A task Paho submitted, and the loop it runs: a connect polls for some of them ({@link PahoConnects}). */
    private static final class Submitted<T> extends FutureTask<T> {

        private final Runnable task;

        Submitted(Runnable task, T value) {
            super(task, value);
            this.task = task;
        }
    }

    /** Paho's connects that waited for ever on these threads, found and ended ({@link PahoConnects}). */
    PahoConnects connects() {
        return connects;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return keepalives.schedule(command, delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return keepalives.schedule(callable, delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return keepalives.scheduleAtFixedRate(command, initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return keepalives.scheduleWithFixedDelay(command, initialDelay, delay, unit);
    }

    /** Shared by every client of the JVM: no client may stop it (Paho 1.2.5 never tries). */
    @Override
    public void shutdown() {
        throw new UnsupportedOperationException("Paho's threads are shared by every client of the JVM");
    }

    @Override
    public List<Runnable> shutdownNow() {
        throw new UnsupportedOperationException("Paho's threads are shared by every client of the JVM");
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return false;
    }

    /** Threads running a Paho loop now, and idle ones kept for the next. */
    int loopThreads() {
        return loops.getPoolSize();
    }

    /** Threads kept for the next loop, running none now. */
    int idleLoopThreads() {
        return loops.getPoolSize() - loops.getActiveCount();
    }
}
