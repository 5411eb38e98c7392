package io.cloudcut.fault;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionHistoryTest {

    @Test
    void keepsEveryOpenConnection_andOnlyTheLatestClosedOnes() {
        ConnectionHistory history = new ConnectionHistory("link", new ProxyEvents());
        List<ConnectionRecord> opened = new ArrayList<>();
        for (int connection = 0; connection < ConnectionHistory.CLOSED_KEPT + 10; connection++) {
            opened.add(history.opened());
        }
        ConnectionRecord stillOpen = opened.remove(0);

        opened.forEach(history::closed);

        assertThat(history.all()).hasSize(ConnectionHistory.CLOSED_KEPT + 1).first().isSameAs(stillOpen);
        assertThat(history.byId("link-1")).contains(stillOpen);
        assertThat(history.byId("link-2")).isEmpty();
        assertThat(history.byId("link-10")).isEmpty();
        assertThat(history.byId("link-11")).isPresent();
        assertThat(history.byId("link-" + (ConnectionHistory.CLOSED_KEPT + 10))).isPresent();
    }
}
