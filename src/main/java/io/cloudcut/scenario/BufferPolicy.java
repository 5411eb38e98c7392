package io.cloudcut.scenario;

/** The offline buffer of firmware: how many events it keeps while it cannot deliver them, and which it drops when full. */
public record BufferPolicy(Integer capacity, Overflow overflow) {

    public BufferPolicy {
        capacity = Checks.orDefault(capacity, 100);
        overflow = Checks.orDefault(overflow, Overflow.DROP_OLDEST);
        Checks.check(capacity >= 0, "capacity must be 0 (no buffer) or more");
    }

    static BufferPolicy defaults() {
        return new BufferPolicy(null, null);
    }
}
