package io.cloudcut.report;

import io.cloudcut.observation.Observation;
import io.cloudcut.observation.ObservationCodec;
import io.cloudcut.observation.RunStartedObserved;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * {@code observations.jsonl} written while the run goes: each observation is appended in the order
 * it was made, by a thread of its own (observations are made on event loops, which must not wait
 * for a disk), and the file is flushed whenever the writer has caught up. A run cut short, even
 * killed, leaves on disk what it had observed; {@code cloudcut report} says where such a stream stops.
 * <p>
 * One file holds one run. A run that starts again ({@code auto} after a baseline refused for the harness's load)
 * starts the file afresh, and the run before is kept beside it as {@code observations-refused-N.jsonl}.
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

    private ObservationStream(Path file, Writer first) {
        this.file = file;
        this.writer = new Thread(() -> drain(first), "observations-writer");
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

    private void drain(Writer first) {
        Writer out = first;
        boolean written = false;
        int runsBefore = 0;
        try {
            for (Optional<Observation> next = take(); next.isPresent(); next = take()) {
                if (next.get() instanceof RunStartedObserved && written) {
                    out.close();
                    runsBefore++;
                    Files.move(file, file.resolveSibling("observations-refused-" + runsBefore + ".jsonl"),
                            StandardCopyOption.REPLACE_EXISTING);
                    out = Files.newBufferedWriter(file);
                }
                out.write(ObservationCodec.line(next.get()));
                out.write('\n');
                written = true;
                if (queue.isEmpty()) {
                    out.flush();
                }
            }
            out.close();
        } catch (IOException unwritable) {
            failure = unwritable;
            closeQuietly(out);
        }
    }

    private static void closeQuietly(Writer out) {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // the failure that brought us here is the one to report
            }
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
