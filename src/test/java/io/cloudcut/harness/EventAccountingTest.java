package io.cloudcut.harness;

import io.cloudcut.report.EventsReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Every event is accounted for across an outage whose offline buffer overflows, on both sides of the wire. */
class EventAccountingTest {

    @Test
    void overflowDropsAreCountedAndEverythingElseArrives(@TempDir Path project) throws Exception {
        Path devices = ScenarioRuns.projectWithDefaultCloud(project);
        Files.writeString(devices.resolve("chatty-vacuum.yaml"), """
                # Reports its status every 10 minutes and keeps only 3 reports while offline.
                kind: vacuum
                keepAlive: 2s
                connectTimeout: 1s
                statusEvery: 10m
                functions:
                  - {name: clean-button, path: local, role: primary}
                  - {name: status-report, path: cloud, trigger: device}
                buffer: {capacity: 3, overflow: drop-oldest}
                reconnect: {initialDelay: 1m, maxDelay: 5m}
                """);
        ScenarioRuns run = ScenarioRuns.run(project, project, """
                name: overflow
                timeScale: 3600
                probe: {rounds: 2, timeout: 1s}
                fleet: [{model: chatty-vacuum, count: 2}]
                phases:
                  - {name: baseline, kind: baseline, duration: 1h}
                  - {name: cut, kind: outage, duration: 4h, settle: 1h, faults: [{link: all, fault: blackhole}]}
                  - {name: recovery, kind: recovery, duration: 3h}
                """);
        EventsReport events = run.report().model("chatty-vacuum").events();
        assertThat(events.balanced()).as("%s", events).isTrue();
        assertThat(events.dropped().get("overflow")).as("4 h offline at one report per 10 min").isGreaterThan(10);
        assertThat(events.buffered()).as("replayed after the outage").isZero();
        assertThat(events.reachedCloud()).as("%s", events)
                // a publish whose PUBACK the blackhole swallowed reached the cloud, and may then be dropped
                // from the device's full buffer: at most one in flight a device at the cut
                .isLessThanOrEqualTo(events.delivered() + 2)
                // an acknowledged publish can race the outage's start and meet ingest already down
                .isGreaterThanOrEqualTo(events.delivered() - 2);
    }
}
