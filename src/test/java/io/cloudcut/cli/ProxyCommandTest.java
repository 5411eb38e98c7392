package io.cloudcut.cli;

import io.cloudcut.fault.ProxyEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProxyCommandTest {

    @Test
    void eachEvent_isPrintedOnOneLine_withItsTime() {
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("connection", "proxy-3");
        about.put("clientId", "robot-1");
        about.put("connack", 135);

        String line = ProxyCommand.logLine(new ProxyEvent(Instant.parse("2026-12-02T10:04:05.120Z"), "connection-refused", about));

        assertThat(line).isEqualTo("2026-12-02T10:04:05.120Z connection-refused connection=proxy-3 clientId=robot-1 connack=135");
    }
}
