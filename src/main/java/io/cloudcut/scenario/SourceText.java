package io.cloudcut.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The text of a scenario, model or cloud file, read only when it can be one: at most
 * {@link #MAX_BYTES}, in UTF-8. The size is checked before a byte is parsed, so that a log passed
 * by mistake is refused at once rather than parsed for minutes.
 */
final class SourceText {

    /** The largest file read: the largest shipped scenario is under 6 KB. */
    static final int MAX_BYTES = 1024 * 1024;

    private SourceText() {
    }

    static String read(Path file) throws ScenarioException {
        if (Files.isDirectory(file)) {
            throw new ScenarioException(file, 0, 0, null, "is a directory, not a YAML file");
        }
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw tooLarge(file, String.format(Locale.ROOT, "%,d bytes is over", Files.size(file)));
            }
            // bounded as read too: a log being written grows after the check, a device or a pipe has no size
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
        } catch (NoSuchFileException missing) {
            throw new ScenarioException(file, 0, 0, null, "file not found");
        } catch (IOException unreadable) {
            throw new ScenarioException(file, 0, 0, null, "cannot read: " + unreadable.getMessage());
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(file, "it reads on past");
        }
        return utf8(file, bytes);
    }

    /** {@code howLarge} leads the sentence: {@code "33,600,008 bytes is over"}. */
    private static ScenarioException tooLarge(Path file, String howLarge) {
        return new ScenarioException(file, 0, 0, null, String.format(Locale.ROOT,
                "%s the limit of %,d bytes (1 MiB) for a scenario, model or cloud file: is it the right file?",
                howLarge, MAX_BYTES));
    }

    /** Decodes UTF-8, naming the line and column of the first byte that is not. */
    private static String utf8(Path file, byte[] bytes) throws ScenarioException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new ScenarioException(file, line, at - lineStart + 1, null, String.format(Locale.ROOT,
                    "not UTF-8 text (byte 0x%02X): save the file as UTF-8", bytes[at] & 0xFF));
        }
        return out.flip().toString();
    }
}
