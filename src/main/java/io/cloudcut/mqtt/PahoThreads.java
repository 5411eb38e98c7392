package io.cloudcut.mqtt;

import io.netty.util.concurrent.DefaultThreadFactory;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
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
 * for the next, and the keepalives share one scheduling thread. What a device sends and when is Paho's as before.
 * <p>
 * Paho never shuts down an executor it is given, so one serves every client of the JVM; its threads are daemons, and
 * an idle one ends after a minute.
 */
final class PahoThreads extends AbstractExecutorService implements ScheduledExecutorService {

    static final PahoThreads SHARED = new PahoThreads();
    /** How Paho names a connect's thread, before the client id (both versions). */
    private static final String CONNECT_THREAD = "MQTT Con: ";
    private static final Set<String> LOOPS_STARTED_BY_A_CONNECT = Set.of("CommsReceiver", "CommsSender", "CommsCallback");
    private static final Duration LOOKS_APART = Duration.ofSeconds(2);

    private static final long IDLE_SECONDS = 60;

    private final ThreadPoolExecutor loops = new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_SECONDS, TimeUnit.SECONDS,
            new SynchronousQueue<>(), new DefaultThreadFactory("cloudcut-paho", true));
    private final ScheduledThreadPoolExecutor keepalives = new ScheduledThreadPoolExecutor(1,
            new DefaultThreadFactory("cloudcut-paho-keepalive", true));

    PahoThreads() {
        keepalives.setRemoveOnCancelPolicy(true);
    }

    @Override
    public void execute(Runnable command) {
        loops.execute(command);
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

    /**
     * Paho's connect threads waiting for ever in this JVM now, but for those in {@code before}. Paho 1.2.5's connect
     * ({@code ClientComms.ConnectBG}) starts its connection's receiver, sender and callbacks one by one, and after each
     * sleeps in 100 ms steps until the loop it started says it runs. A loop that has already ended (its connection reset or dropped in that moment) never says
     * so, and the connect thread sleeps on for ever (eclipse-paho/paho.mqtt.java#953): under a link that resets every
     * connection, 16 and 19 of 20 attempts of one device left one each (Paho v3 and v5). A real device on Paho keeps each
     * one, and wakes it ten times a second. Here they share the process's CPU with every device: 5,400 of them, left by
     * 1,000 devices in an hour of {@code reset}, held both cores, 88% of it in the kernel, and a probe round took 4 min.
     * <p>
     * A connect waits for its loops a moment at most, so a thread found so in two looks {@link #LOOKS_APART} apart (the
     * same thread) is waiting for ever; a thread Paho is done with keeps its name, so its stack is what tells. Those in
     * {@code before} (a {@link #connectsWaitingForALoop} taken earlier) are left out, and with none else the second look
     * is not taken.
     */
    static Set<Thread> connectsLeftWaitingSince(Set<Thread> before) {
        Set<Thread> waiting = connectsWaitingForALoop();
        waiting.removeAll(before);
        if (!waiting.isEmpty()) {
            try {
                Thread.sleep(LOOKS_APART.toMillis());
                waiting.retainAll(connectsWaitingForALoop());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return waiting;
    }

    /** The device (client id) a connect thread of {@link #connectsLeftWaitingSince} was for. */
    static String deviceOf(Thread connectThread) {
        return connectThread.getName().substring(CONNECT_THREAD.length());
    }

    /** Paho's connect threads waiting for a loop to start now, in one look: some only for a moment. */
    static Set<Thread> connectsWaitingForALoop() {
        Set<Thread> waiting = new HashSet<>();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().startsWith(CONNECT_THREAD) && Arrays.stream(stack).anyMatch(PahoThreads::waitsForALoop)) {
                waiting.add(thread);
            }
        });
        return waiting;
    }

    private static boolean waitsForALoop(StackTraceElement frame) {
        String type = frame.getClassName();
        return type.startsWith("org.eclipse.paho.") && frame.getMethodName().equals("start")
                && LOOPS_STARTED_BY_A_CONNECT.contains(type.substring(type.lastIndexOf('.') + 1));
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
