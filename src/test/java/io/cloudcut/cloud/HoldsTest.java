package io.cloudcut.cloud;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a command the broker kept for a device away adds to the device's reply. */
class HoldsTest {

    private static final JsonObject REPLY = new JsonObject().put("requestId", "r1").put("ok", true);

    @Test
    void aCommandSentBeforeTheAttemptThatConnectedTheDevice_wasKeptUntilThatAttemptBegan() {
        JsonObject kept = Holds.keptFor(REPLY, new Holds.Moment(60_000, 1_000_000), new Holds.Moment(660_000, 1_010_000));

        assertThat(kept.getLong(Holds.HELD)).as("ten minutes on the scenario clock").isEqualTo(600_000);
        assertThat(kept.getLong(Holds.HELD_REAL)).as("ten seconds of real time").isEqualTo(10_000);
        assertThat(REPLY.containsKey(Holds.HELD)).as("the reply itself is left as it was").isFalse();
    }

    @Test
    void aCommandSentOnceTheAttemptHadBegun_addsNothing_itsWaitIsTheNetworksInRealTime() {
        assertThat(Holds.keptFor(REPLY, new Holds.Moment(660_000, 1_010_000), new Holds.Moment(660_000, 1_010_000))).isEqualTo(REPLY);
        assertThat(Holds.keptFor(REPLY, new Holds.Moment(700_000, 1_020_000), new Holds.Moment(660_000, 1_010_000))).isEqualTo(REPLY);
    }

    @Test
    void realTimeOnAnotherProcesssClockThatRanAhead_countsNoNegativeHold() {
        JsonObject kept = Holds.keptFor(REPLY, new Holds.Moment(60_000, 1_020_000), new Holds.Moment(120_000, 1_010_000));

        assertThat(kept.getLong(Holds.HELD)).isEqualTo(60_000);
        assertThat(kept.getLong(Holds.HELD_REAL)).isZero();
    }

    @Test
    void aCommandSaysWhenItWasSent_andOneThatSaysItWrongIsMalformed() {
        JsonObject command = Holds.sent(new JsonObject().put("function", "clean-from-app"), 42_000);

        assertThat(Holds.sentAt(command)).get().extracting(Holds.Moment::millis).isEqualTo(42_000L);
        assertThat(Holds.sentWellFormedIn(command)).isTrue();
        assertThat(Holds.sentAt(new JsonObject())).isEmpty();
        assertThat(Holds.sentWellFormedIn(new JsonObject().put(Holds.SENT, "soon"))).isFalse();
        assertThat(Holds.sentWellFormedIn(new JsonObject().put(Holds.SENT_REAL, -1))).isFalse();
    }
}
