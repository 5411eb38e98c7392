package io.cloudcut.harness;

import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.SessionObserved;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The fleet starts a window at a time; a device frees its place once connected with a session. */
@Execution(ExecutionMode.CONCURRENT)
class StartWindowTest {

    private static final Duration LONG_PATIENCE = Duration.ofMinutes(5);

    private final Vertx vertx = Vertx.vertx();
    private final List<String> started = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    @Test
    void startsNoMoreThanTheWindowUntilADeviceIsConnectedAndSignedIn() {
        StartWindow window = new StartWindow(vertx, 3, LONG_PATIENCE);
        Future<Void> all = window.start(starts(devices(7), this::startNow));

        assertThat(started).containsExactly("d0", "d1", "d2");
        window.heard(up("d0"));
        assertThat(started).as("connected without a session still starting").hasSize(3);
        window.heard(signedIn("d0"));
        assertThat(started).containsExactly("d0", "d1", "d2", "d3");
        window.heard(signedIn("d1"));
        window.heard(down("d1"));
        window.heard(up("d5"));
        window.heard(signedIn("d5"));
        assertThat(started).as("a device that dropped, and one not started, free nothing").hasSize(4);
        window.heard(up("d1"));
        assertThat(started).hasSize(5);
        assertThat(all.isComplete()).isFalse();
    }

    /** Like a TCP sender's window: halved once for the devices a time-out caught starting together, widened by each start. */
    @Test
    void narrowsWhenConnectsRunOutOfTime_andWidensAsDevicesStart() {
        StartWindow window = new StartWindow(vertx, 4, LONG_PATIENCE);
        window.start(starts(devices(12), this::startNow));
        assertThat(started).containsExactly("d0", "d1", "d2", "d3");

        window.heard(timedOut("d0"));
        window.heard(timedOut("d1"));
        window.heard(timedOut("d2"));
        startsFully(window, "d3");
        assertThat(started).as("halved once for the four that started together, then 2.5 wide: 3 still starting").hasSize(4);
        startsFully(window, "d2");
        assertThat(started).as("2.9 wide, 2 starting").hasSize(4);
        startsFully(window, "d1");
        assertThat(started).as("3.2 wide, 1 starting").containsExactly("d0", "d1", "d2", "d3", "d4", "d5");

        window.heard(timedOut("d4"));
        window.heard(timedOut("d5"));
        startsFully(window, "d0");
        assertThat(started).as("a device admitted after the narrowing halves it again, once: 2.2 wide, 2 starting").hasSize(6);
        startsFully(window, "d4");
        assertThat(started).as("2.7 wide, 1 starting").hasSize(7);
        window.heard(refusedOtherwise("d5"));
        startsFully(window, "d5");
        assertThat(started).as("a refusal that did not run out of time narrows nothing: 3.1 wide").hasSize(9);
    }

    @Test
    void completesOnceEveryDeviceStartedAndHearsNothingMore() {
        StartWindow window = new StartWindow(vertx, 2, LONG_PATIENCE);
        Future<Void> all = window.start(starts(devices(3), this::startNow));
        window.heard(up("d0"));
        window.heard(signedIn("d0"));

        await().atMost(Duration.ofSeconds(10)).until(all::isComplete);
        assertThat(all.succeeded()).isTrue();
        assertThat(started).containsExactly("d0", "d1", "d2");
        assertThat(window.done()).isTrue();
    }

    @Test
    void aDeviceThatTakesTooLongGivesUpItsPlace() {
        StartWindow window = new StartWindow(vertx, 1, Duration.ofMillis(200));
        Future<Void> all = window.start(starts(devices(3), this::startNow));

        await().atMost(Duration.ofSeconds(10)).until(all::isComplete);
        assertThat(started).containsExactly("d0", "d1", "d2");
    }

    @Test
    void failsWithTheFirstStartThatFailed() {
        StartWindow window = new StartWindow(vertx, 2, LONG_PATIENCE);
        Future<Void> all = window.start(starts(devices(2),
                id -> id.equals("d1") ? Future.failedFuture("no verticle for " + id) : startNow(id)));

        await().atMost(Duration.ofSeconds(10)).until(all::isComplete);
        assertThat(all.cause()).hasMessage("no verticle for d1");
    }

    @Test
    void waitsForStartsStillUnderWay() {
        Map<String, Promise<Void>> underWay = new ConcurrentHashMap<>();
        StartWindow window = new StartWindow(vertx, 5, LONG_PATIENCE);
        Future<Void> all = window.start(starts(devices(2), id -> {
            Promise<Void> deployed = Promise.promise();
            underWay.put(id, deployed);
            return deployed.future();
        }));
        underWay.get("d0").complete();

        assertThat(all.isComplete()).isFalse();
        underWay.get("d1").complete();
        await().atMost(Duration.ofSeconds(10)).until(all::succeeded);
    }

    @Test
    void anEmptyFleetIsStartedAtOnce() {
        assertThat(new StartWindow(vertx).start(starts(List.of(), this::startNow)).succeeded()).isTrue();
    }

    /** Each device's start, in order. */
    private static LinkedHashMap<String, Supplier<Future<?>>> starts(List<String> devices, Function<String, Future<?>> start) {
        LinkedHashMap<String, Supplier<Future<?>>> starts = new LinkedHashMap<>();
        devices.forEach(device -> starts.put(device, () -> start.apply(device)));
        return starts;
    }

    private Future<?> startNow(String device) {
        started.add(device);
        return Future.succeededFuture();
    }

    private static List<String> devices(int count) {
        return IntStream.range(0, count).mapToObj(index -> "d" + index).toList();
    }

    private static ConnectionObserved up(String device) {
        return new ConnectionObserved(0, device, "m", ConnectionObserved.Change.UP, null, 0, 0);
    }

    private static ConnectionObserved down(String device) {
        return new ConnectionObserved(0, device, "m", ConnectionObserved.Change.DOWN, "keepalive", 0, 0);
    }

    private static ConnectionObserved timedOut(String device) {
        return ConnectionObserved.refused(0, device, "m", "no CONNACK within 1000 ms");
    }

    private static ConnectionObserved refusedOtherwise(String device) {
        return ConnectionObserved.refused(0, device, "m", "certificate unknown");
    }

    private static void startsFully(StartWindow window, String device) {
        window.heard(up(device));
        window.heard(signedIn(device));
    }

    private static SessionObserved signedIn(String device) {
        return new SessionObserved(0, device, "m", SessionObserved.Change.ACQUIRED);
    }

    @Test
    void workersShareOneProcesssWindow() {
        assertThat(StartWindow.widthOnEachOf(1)).isEqualTo(StartWindow.WIDTH);
        assertThat(StartWindow.widthOnEachOf(4)).isEqualTo(25);
        assertThat(StartWindow.widthOnEachOf(3)).isEqualTo(33);
        assertThat(StartWindow.widthOnEachOf(500)).isEqualTo(1);
    }
}
