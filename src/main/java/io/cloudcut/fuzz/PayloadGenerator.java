package io.cloudcut.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Hostile payloads from a fixed seed: the same seed and targets give the same payloads in the same
 * order. Each target gets only the kinds its protocol has (a dashboard's plain words cannot be cut
 * short into bad JSON; only command topics have unknown commands).
 */
final class PayloadGenerator {

    /** Byte sequences no UTF-8 decoder may accept: a stray byte, a cut or overlong sequence, a surrogate, five bytes. */
    private static final byte[][] INVALID_UTF8 = {
            {(byte) 0xFF}, {(byte) 0xC3, 0x28}, {(byte) 0x80}, {(byte) 0xC0, (byte) 0xAF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}};
    private static final int MIN_RANDOM_BYTES = 16;
    private static final int MAX_RANDOM_BYTES = 1024;
    private static final int MIN_DEPTH = 100;
    private static final int MAX_DEPTH = 2_500;

    private final Random random;
    private final List<Target> targets;

    PayloadGenerator(long seed, List<Target> targets) {
        this.random = new Random(seed);
        this.targets = List.copyOf(targets);
    }

    Payload next() {
        Target target = targets.get(random.nextInt(targets.size()));
        List<PayloadKind> kinds = kindsFor(target);
        PayloadKind kind = kinds.get(random.nextInt(kinds.size()));
        return new Payload(target, kind, bytes(target, kind));
    }

    static List<PayloadKind> kindsFor(Target target) {
        List<PayloadKind> kinds = new ArrayList<>(Arrays.asList(PayloadKind.values()));
        if (target.valid().isEmpty()) {
            kinds.remove(PayloadKind.VALID);
        }
        if (!target.json()) {
            kinds.remove(PayloadKind.TRUNCATED_JSON);
        }
        if (target.outOfRange().isEmpty()) {
            kinds.remove(PayloadKind.OUT_OF_RANGE);
        }
        if (target.unknownCommands().isEmpty()) {
            kinds.remove(PayloadKind.UNKNOWN_COMMAND);
        }
        return kinds;
    }

    private byte[] bytes(Target target, PayloadKind kind) {
        return switch (kind) {
            case VALID -> utf8(pick(target.valid()));
            case RANDOM_BYTES -> randomBytes(MIN_RANDOM_BYTES + random.nextInt(MAX_RANDOM_BYTES - MIN_RANDOM_BYTES));
            case TRUNCATED_JSON -> {
                String whole = pick(base(target));
                yield utf8(whole.substring(0, 1 + random.nextInt(whole.length() - 1)));
            }
            case HUGE_JSON -> utf8(huge(pick(base(target)), overLimit(target)));
            case DEEP_JSON -> utf8(deep(MIN_DEPTH + random.nextInt(MAX_DEPTH - MIN_DEPTH)));
            case WRONG_TYPES -> utf8(pick(target.wrongTypes()));
            case UNKNOWN_COMMAND -> utf8(pick(target.unknownCommands()));
            case OUT_OF_RANGE -> utf8(pick(target.outOfRange()));
            case OVERSIZED -> {
                String message = pick(base(target));
                yield utf8(message + " ".repeat(overLimit(target) - message.length()));
            }
            case EMPTY -> new byte[0];
            case INVALID_UTF8 -> invalidUtf8(utf8(pick(base(target))));
        };
    }

    /** Messages that, but for the fault put in, are ones the readers take (or, if none are, merely reject). */
    private static List<String> base(Target target) {
        return target.valid().isEmpty() ? target.wrongTypes() : target.valid();
    }

    /** A size past the readers' limit, by up to a quarter of it. */
    private int overLimit(Target target) {
        return target.maxBytes() + 1 + random.nextInt(target.maxBytes() / 4);
    }

    /** A message with a field of numbers added, to {@code size} bytes or a little over. */
    private static String huge(String message, int size) {
        String head = message.startsWith("{") ? "{\"fuzz\":[" : "{\"" + message + "\":[";
        String tail = message.startsWith("{") ? "0]," + message.substring(1) : "0]}";
        int numbers = Math.max(1, (size - head.length() - tail.length()) / 8 + 1);
        return head + "1234567,".repeat(numbers) + tail;
    }

    /** Arrays or objects nested {@code depth} levels, around nothing. */
    private String deep(int depth) {
        return random.nextBoolean()
                ? "[".repeat(depth) + "]".repeat(depth)
                : "{\"a\":".repeat(depth) + "null" + "}".repeat(depth);
    }

    private byte[] invalidUtf8(byte[] message) {
        byte[] sequence = INVALID_UTF8[random.nextInt(INVALID_UTF8.length)];
        int at = random.nextInt(message.length + 1);
        byte[] broken = new byte[message.length + sequence.length];
        System.arraycopy(message, 0, broken, 0, at);
        System.arraycopy(sequence, 0, broken, at, sequence.length);
        System.arraycopy(message, at, broken, at + sequence.length, message.length - at);
        return broken;
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private String pick(List<String> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
