package io.cloudcut.fault;

import io.vertx.core.Future;

import java.util.concurrent.TimeUnit;

/** Blocking on Vert.x futures from a test thread. */
final class VertxFutures {

    private VertxFutures() {
    }

    /** The future's result, or its failure (wrapped) if it fails or takes more than 20 s. */
    static <T> T join(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
