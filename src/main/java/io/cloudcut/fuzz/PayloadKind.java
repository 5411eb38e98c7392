package io.cloudcut.fuzz;

/**
 * The kinds of payload the fuzzer sends. Every kind but {@link #VALID} is one its readers must reject
 * and count; a valid one they must take.
 */
public enum PayloadKind {
    /** A message the topic's protocol has: taken, not counted. */
    VALID,
    RANDOM_BYTES,
    /** A valid JSON message cut short. */
    TRUNCATED_JSON,
    /** A valid message with a huge field that takes it over the reader's size limit. */
    HUGE_JSON,
    /** Arrays nested hundreds to thousands of levels deep, where a field belongs. */
    DEEP_JSON,
    /** A valid message with one field of the wrong type, or JSON where a word belongs. */
    WRONG_TYPES,
    /** A well-formed command for a function the device does not have. */
    UNKNOWN_COMMAND,
    /** A field of the right type with a value no reader can take: a negative expiry, a bed level of 99. */
    OUT_OF_RANGE,
    /** A valid message padded with whitespace past the reader's size limit. */
    OVERSIZED,
    EMPTY,
    /** A valid message with an invalid UTF-8 sequence inside. */
    INVALID_UTF8
}
