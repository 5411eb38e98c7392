package io.cloudcut.report;

import io.cloudcut.observation.Observation;
import io.cloudcut.observation.ObservationCodec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * {@code observations.jsonl} written while the run goes: each observation is appended in the order
 * it was made, by a thread of its own (observations are made on event loops, which must not wait
 * for a disk), and the file is flushed whenever the writer has caught up. A run cut short, even
 * killed, leaves on disk what it had observed; {@code cloudcut report} says where such a stream stops.
 */
public final class ObservationStream implements Consumer<Observation>, AutoCloseable {

    /** Every observation of the run, one JSON object per line, for tools, dashboards and {@code cloudcut report}. */
    public static final String FILE_NAME = "observations.jsonl";

    /** The end of the stream: nothing more to write. */
    private static final Optional<Observation> END = Optional.empty();

    private final Path file;
    private final BlockingQueue<Optional<Observation>> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile IOException failure;

    private ObservationStream(Path file, Writer out) {
        this.file = file;
        this.writer = new Thread(() -> drain(out), "observations-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Starts {@link #FILE_NAME} afresh in {@code directory}. */
    public static ObservationStream into(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(FILE_NAME);
        return new ObservationStream(file, Files.newBufferedWriter(file));
    }

    public Path file() {
        return file;
    }

    /** Queues an observation; never waits. Once the file could not be written, nothing more is queued. */
    @Override
    public void accept(Observation observation) {
        if (failure == null) {
            queue.add(Optional.of(observation));
        }
    }

    /**
     * Writes what is queued, then closes the file.
     *
     * @throws UncheckedIOException when the file could not be written
     */
    @Override
    public void close() {
        queue.add(END);
        try {
            writer.join();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw new UncheckedIOException("cannot write " + file + ": " + failure.getMessage(), failure);
        }
    }

    private void drain(Writer out) {
        try (out) {
            for (Optional<Observation> next = take(); next.isPresent(); next = take()) {
                out.write(ObservationCodec.line(next.get()));
                out.write('\n');
                if (queue.isEmpty()) {
                    out.flush();
                }
            }
        } catch (IOException unwritable) {
            failure = unwritable;
        }
    }

    /** The next observation; the writer thread is never interrupted, so an interrupt ends the stream. */
    private Optional<Observation> take() {
        try {
            return queue.take();
        } catch (InterruptedException interrupted) {
            return END;
        }
    }
}
