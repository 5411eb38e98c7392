package io.cloudcut.device;

import io.cloudcut.scenario.BufferPolicy;
import io.cloudcut.scenario.Overflow;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EventOutboxTest {

    @Test
    void everyEventIsDeliveredBufferedOrDroppedWithAReason() {
        EventOutbox outbox = new EventOutbox(new BufferPolicy(3, Overflow.DROP_OLDEST));
        for (int i = 0; i < 5; i++) {
            outbox.add(new JsonObject(), 0, 0, true);
        }
        EventOutbox.Event first = outbox.takeNext();
        outbox.acknowledged();
        assertThat(first.seq()).as("two oldest dropped on overflow, then the oldest kept goes first").isEqualTo(2);
        assertThat(outbox.generated()).isEqualTo(5);
        assertThat(outbox.delivered()).isEqualTo(1);
        assertThat(outbox.buffered()).isEqualTo(2);
        assertThat(outbox.dropped()).isEqualTo(Map.of(EventOutbox.DROPPED_OVERFLOW, 2L));
        assertBalanced(outbox);
    }

    @Test
    void dropNewestKeepsTheOldestEvents() {
        EventOutbox outbox = new EventOutbox(new BufferPolicy(2, Overflow.DROP_NEWEST));
        for (int i = 0; i < 4; i++) {
            outbox.add(new JsonObject(), 0, 0, true);
        }
        assertThat(List.of(outbox.takeNext().seq(), outbox.takeNext().seq())).containsExactly(0L, 1L);
        assertBalanced(outbox);
    }

    @Test
    void aReturnedEventGoesBackInSequenceOrder() {
        EventOutbox outbox = new EventOutbox(new BufferPolicy(10, Overflow.DROP_OLDEST));
        for (int i = 0; i < 3; i++) {
            outbox.add(new JsonObject(), 0, 0, true);
        }
        EventOutbox.Event zero = outbox.takeNext();
        EventOutbox.Event one = outbox.takeNext();
        outbox.returned(one);
        outbox.returned(zero);
        List<Long> order = new ArrayList<>();
        for (EventOutbox.Event next = outbox.takeNext(); next != null; next = outbox.takeNext()) {
            order.add(next.seq());
        }
        assertThat(order).containsExactly(0L, 1L, 2L);
        assertBalanced(outbox);
    }

    @Test
    void withoutABufferOfflineEventsAreDroppedAsNoBuffer() {
        EventOutbox outbox = new EventOutbox(new BufferPolicy(0, Overflow.DROP_OLDEST));
        outbox.add(new JsonObject(), 0, 0, true);
        assertThat(outbox.dropped()).isEqualTo(Map.of(EventOutbox.DROPPED_NO_BUFFER, 1L));
        assertBalanced(outbox);
    }

    private static void assertBalanced(EventOutbox outbox) {
        long dropped = outbox.dropped().values().stream().mapToLong(Long::longValue).sum();
        assertThat(outbox.generated()).isEqualTo(outbox.delivered() + outbox.buffered() + dropped);
    }
}
