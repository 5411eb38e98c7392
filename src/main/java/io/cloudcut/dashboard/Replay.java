package io.cloudcut.dashboard;

import io.cloudcut.observation.ClockObserved;
import io.cloudcut.observation.Observation;
import io.cloudcut.observation.ObservationCodec;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A finished run's observations fed to a board again at the pace its scenario clock ran (each
 * stretch of scenario time divided by the scale the clock had then, from the clock observations),
 * {@code speed} times faster. The fleet's start and the harness's own pauses took real time that is
 * not in the observations, so a replay at speed 1 is somewhat shorter than the run was.
 * <p>
 * The file is streamed, a line at a time, and read no further ahead than the next observation due:
 * a replay holds one observation however long the run was. The file is read without blocking the
 * event loop (Vert.x's {@link AsyncFile}, paused while an observation waits for its moment).
 */
final class Replay {

    private final Path file;
    private final double speed;

    /** {@code file}: an observations file already read through once (so known to be whole and well formed). */
    Replay(Path file, double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("the replay speed must be above 0, not " + speed);
        }
        this.file = file;
        this.speed = speed;
    }

    /** Feeds {@code board} from now on, on {@code vertx}; completes after the last observation. */
    Future<Void> play(Vertx vertx, Consumer<Observation> board) {
        return vertx.fileSystem().open(file.toString(), new OpenOptions().setRead(true).setWrite(false))
                .compose(opened -> new Playing(vertx, opened, board).done.future());
    }

    /** One replay under way: where its clock stands, and whether an observation waits for its moment. */
    private final class Playing {

        private final Vertx vertx;
        private final AsyncFile opened;
        private final RecordParser lines;
        private final Consumer<Observation> board;
        private final Promise<Void> done = Promise.promise();
        private final long startedNanos = System.nanoTime();
        private final Pace pace = new Pace();
        private boolean waiting;
        private boolean ended;

        Playing(Vertx vertx, AsyncFile opened, Consumer<Observation> board) {
            this.vertx = vertx;
            this.opened = opened;
            this.board = board;
            lines = RecordParser.newDelimited("\n", opened);
            lines.exceptionHandler(this::fail);
            lines.endHandler(end -> {
                ended = true;
                finishIfDone();
            });
            lines.handler(this::line);
        }

        private void line(Buffer line) {
            if (line.length() == 0 || done.future().isComplete()) {
                return;
            }
            Observation observation;
            try {
                observation = ObservationCodec.decode(new JsonObject(line));
            } catch (RuntimeException changedSinceRead) {
                fail(new IllegalStateException(file + ": " + changedSinceRead.getMessage(), changedSinceRead));
                return;
            }
            double dueMillis = pace.dueMillis(observation);
            double nowMillis = (System.nanoTime() - startedNanos) / 1e6 * speed;
            if (dueMillis <= nowMillis) {
                board.accept(observation);
                return;
            }
            waiting = true;
            lines.pause();
            vertx.setTimer(Math.max(1, (long) Math.ceil((dueMillis - nowMillis) / speed)), timer -> {
                board.accept(observation);
                waiting = false;
                lines.resume();
                finishIfDone();
            });
        }

        private void finishIfDone() {
            if (ended && !waiting) {
                opened.close();
                done.tryComplete();
            }
        }

        private void fail(Throwable failure) {
            opened.close();
            done.tryFail(failure);
        }
    }

    /** When each observation is due, in real milliseconds since the replay began (at speed 1). */
    static final class Pace {

        private double scale = 1;
        private double wallMillis;
        private long lastMillis;

        double dueMillis(Observation observation) {
            // observations from several threads are logged nearly, not exactly, in scenario-time order
            if (observation.atMillis() > lastMillis) {
                wallMillis += (observation.atMillis() - lastMillis) / scale;
                lastMillis = observation.atMillis();
            }
            if (observation instanceof ClockObserved clock && clock.scale() > 0) {
                scale = clock.scale();
            }
            return wallMillis;
        }
    }
}
