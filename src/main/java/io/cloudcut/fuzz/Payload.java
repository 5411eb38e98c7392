package io.cloudcut.fuzz;

/** One payload the fuzzer sends, with the topic it goes to and its kind: whether its readers must take it. */
record Payload(Target target, PayloadKind kind, byte[] bytes) {

    boolean valid() {
        return kind == PayloadKind.VALID;
    }
}
