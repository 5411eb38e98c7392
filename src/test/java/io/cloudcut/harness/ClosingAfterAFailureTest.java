package io.cloudcut.harness;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A run's Vert.x that does not close in time: said, but never in place of what failed the run first. */
class ClosingAfterAFailureTest {

    private static final Duration LIMIT = Duration.ofMillis(50);

    @Test
    void aCloseThatNeverEndsAfterARunThatWorkedIsTheRunsError() {
        Future<Void> neverClosed = Promise.<Void>promise().future();
        assertThatThrownBy(() -> ScenarioRunner.awaitClosed(neverClosed, LIMIT, null))
                .isInstanceOf(InfrastructureException.class)
                .hasMessage("could not shut down cleanly: Vert.x did not close within 50ms");
    }

    @Test
    void aCloseThatNeverEndsAfterARunThatFailedIsKeptWithThatFailure() throws Exception {
        IllegalStateException first = new IllegalStateException("the phone app could not connect to the broker");
        ScenarioRunner.awaitClosed(Promise.<Void>promise().future(), LIMIT, first);
        assertThat(first.getSuppressed()).singleElement().satisfies(close ->
                assertThat(close).hasMessageContaining("could not shut down cleanly"));
    }

    @Test
    void aCloseThatFailsSaysWhy() {
        assertThatThrownBy(() -> ScenarioRunner.awaitClosed(Future.failedFuture("event loop stuck"), LIMIT, null))
                .hasMessage("could not shut down cleanly: event loop stuck");
    }

    @Test
    void aCloseInTimeSaysNothing() {
        assertThatNoException().isThrownBy(() -> ScenarioRunner.awaitClosed(Future.succeededFuture(), LIMIT, null));
    }
}
