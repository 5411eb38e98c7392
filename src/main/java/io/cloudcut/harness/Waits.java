package io.cloudcut.harness;

import io.vertx.core.Future;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits of a plain thread (the harness's, a command's), never of an event loop: a pause, a point on
 * the timeline, a Vert.x result with a generous limit.
 */
public final class Waits {

    private Waits() {
    }

    public static void pause(Duration duration) {
        LockSupport.parkNanos(duration.toNanos());
    }

    /** A future's result within 60 s; a failure, a timeout or an interrupt says {@code whatFailed}. */
    public static <T> T await(Future<T> future, String whatFailed) throws InfrastructureException {
        return await(future, whatFailed, Duration.ofSeconds(60));
    }

    /** A future's result within {@code limit}; a failure, a timeout or an interrupt says {@code whatFailed}. */
    public static <T> T await(Future<T> future, String whatFailed, Duration limit) throws InfrastructureException {
        try {
            return future.toCompletionStage().toCompletableFuture().get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            throw new InfrastructureException(whatFailed + ": " + failed.getCause().getMessage(), failed.getCause());
        } catch (TimeoutException slow) {
            throw new InfrastructureException(whatFailed + ": no answer within " + limit.toSeconds() + " s", slow);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException(whatFailed + ": interrupted", interrupted);
        }
    }

    /** Waits until the clock's real time reaches {@code deadlineNanos} ({@link System#nanoTime()} scale). */
    static void until(long deadlineNanos) {
        long remaining;
        while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
        }
    }
}
