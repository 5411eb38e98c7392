package io.cloudcut.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterSettingsTest {

    @Test
    void withoutMembersTheClusterIsThisMachinesLoopback() {
        ClusterSettings loopback = new ClusterSettings(null, 0, null);
        assertThat(loopback.host()).isEqualTo("127.0.0.1");
        assertThat(loopback.port()).isEqualTo(ClusterSettings.DEFAULT_PORT);
        assertThat(loopback.members()).containsExactly("127.0.0.1");
    }

    @Test
    void aMembersFileListsOneAMemberAndSkipsCommentsAndBlankLines(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("members.txt"), "# the coordinator\n127.0.0.1:5701\n\nworker-2.lan:5702  # a worker\n");
        assertThat(ClusterSettings.readMembers(file)).containsExactly("127.0.0.1:5701", "worker-2.lan:5702");
    }

    @Test
    void aLineThatIsNoMemberIsNamedByFileAndLine(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("members.txt"), "127.0.0.1:5701\nhttp://nope\n");
        assertThatThrownBy(() -> ClusterSettings.readMembers(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ":2: 'http://nope' is not host or host:port");
    }

    @Test
    void aFileWithoutMembersIsRefused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("members.txt"), "# nobody yet\n");
        assertThatThrownBy(() -> ClusterSettings.readMembers(file)).hasMessageContaining("names no cluster member");
    }

    @Test
    void aMemberGivenInCodeIsCheckedToo() {
        assertThatThrownBy(() -> new ClusterSettings(null, 0, List.of("127.0.0.1:5701", "two words")))
                .hasMessage("cluster member 'two words' is not host or host:port");
    }
}
