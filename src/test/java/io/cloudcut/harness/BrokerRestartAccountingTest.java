package io.cloudcut.harness;

import io.cloudcut.report.EventsReport;
import io.cloudcut.testing.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events across broker restarts: with a broker that persists sessions to disk, cloud services that
 * keep theirs, and devices on MQTT 5 with clean start off and a session expiry, nothing the broker
 * acknowledged is lost in the cloud, and every event is delivered, buffered or dropped with a reason.
 */
class BrokerRestartAccountingTest {

    @Test
    void persistentSessionsCarryEventsAcrossRestarts(@TempDir Path project) throws Exception {
        Path devices = Files.createDirectories(project.resolve("devices"));
        Path clouds = Files.createDirectories(project.resolve("clouds"));
        Path brokerConfig = Files.createDirectories(project.resolve("broker-config"));
        Files.writeString(brokerConfig.resolve("embedded.yaml"), "persistence: file\n");
        Files.writeString(clouds.resolve("default.yaml"), """
                persistentSessions: true
                services:
                  auth: {}
                  ingest: {}
                  commands: {needs: [auth]}
                  notify: {needs: [ingest]}
                """);
        Files.writeString(devices.resolve("chatty-vacuum.yaml"), """
                # Reports its status every minute, on MQTT 5 with a session the broker keeps for an hour.
                kind: vacuum
                client: hivemq-v5
                mqttSession: {cleanStart: false, expiry: 1h}
                keepAlive: 2s
                connectTimeout: 1s
                statusEvery: 1m
                functions:
                  - {name: clean-button, path: local, role: primary}
                  - {name: status-report, path: cloud, trigger: device}
                reconnect: {initialDelay: 5s, maxDelay: 30s}
                """);
        ScenarioRuns run = ScenarioRuns.run(project, brokerConfig, project, """
                name: restarts
                timeScale: 60
                probe: {rounds: 2, timeout: 2s}
                fleet: [{model: chatty-vacuum, count: 3}]
                phases:
                  - {name: baseline, kind: baseline, duration: 2m}
                  - name: restarts
                    kind: outage
                    duration: 15m
                    faults: [{broker: embedded, fault: restart, attributes: {every: 6m}}]
                  # It ends once every device is back and has delivered what it buffered: at most 30 min, so that a
                  # loaded machine (six forks and more beside it) does not end it with a backlog still draining.
                  - {name: recovery, kind: recovery, duration: 30m}
                """);
        EventsReport events = run.report().model("chatty-vacuum").events();
        assertThat(run.report().services()).filteredOn(change -> change.service().equals("broker")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(events.balanced()).as("%s", events).isTrue();
        assertThat(events.generated()).as("a report a minute for 17 minutes and more (the recovery ends once all are back), three devices").isGreaterThan(50);
        assertThat(events.lostInCloud()).as("%s", events).isZero();
        assertThat(events.buffered()).as("%s", events).isZero();
    }
}
