package io.cloudcut.fault;

import io.vertx.core.http.HttpServerResponse;

import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code GET /events}: the proxy's {@link ProxyEvent}s as they happen, one JSON object a line (JSON
 * Lines, {@code application/x-ndjson}), until the client hangs up. A reader that falls so far behind
 * that Vert.x's write queue fills is cut off rather than buffered for without bound.
 */
final class EventStream {

    private EventStream() {
    }

    static void open(HttpServerResponse response, ProxyEvents events) {
        response.setChunked(true).putHeader("content-type", "application/x-ndjson");
        // Until listening has begun, there is nothing to stop.
        AtomicReference<Runnable> stop = new AtomicReference<>(() -> { });
        stop.set(events.listen(event -> {
            if (response.closed() || response.ended()) {
                stop.get().run();
            } else if (response.writeQueueFull()) {
                stop.get().run();
                response.reset();
            } else {
                response.write(FaultJson.toJson(event).encode() + "\n");
            }
        }));
        response.closeHandler(closed -> stop.get().run());
        // The head goes at once, so that a client sees the stream open before the first event.
        response.writeHead();
    }
}
