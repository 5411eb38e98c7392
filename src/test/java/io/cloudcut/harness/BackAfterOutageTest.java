package io.cloudcut.harness;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When a recovery phase may stop waiting for a device, from the status the device gives. */
class BackAfterOutageTest {

    @Test
    void aDeviceIsBackOnceConnectedWithItsOfflineBufferDelivered() {
        assertThat(Timeline.isBack(status(true, 0, false))).isTrue();
        assertThat(Timeline.isBack(status(true, 90, false))).as("still delivering what it buffered").isFalse();
        assertThat(Timeline.isBack(status(false, 0, false))).as("not connected").isFalse();
    }

    @Test
    void aDeviceThatGaveUpIsAsBackAsItWillBe() {
        assertThat(Timeline.isBack(status(false, 12, true))).isTrue();
    }

    private static JsonObject status(boolean connected, long buffered, boolean needsPerson) {
        return new JsonObject().put("connected", connected).put("needsPerson", needsPerson)
                .put("events", new JsonObject().put("buffered", buffered));
    }
}
