package io.cloudcut.broker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedConfigTest {

    private static final Path PROJECT_CONFIG =
            Path.of(System.getProperty("cloudcut.project.dir", ".")).resolve("broker-config/embedded.yaml");

    @TempDir
    Path configDir;

    @Test
    void theProjectsEmbeddedYamlHoldsTheDefaults() throws Exception {
        EmbeddedConfig config = EmbeddedConfigLoader.load(PROJECT_CONFIG);
        assertThat(config).isEqualTo(EmbeddedConfig.defaults());
        assertThat(config.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isZero();
        assertThat(config.persistence()).isEqualTo(EmbeddedConfig.Persistence.IN_MEMORY);
    }

    @Test
    void anEmptyFileMeansDefaults() throws Exception {
        assertThat(load("# nothing set\n")).isEqualTo(EmbeddedConfig.defaults());
    }

    @Test
    void valuesAreRead() throws Exception {
        EmbeddedConfig config = load("""
                bind-address: localhost
                port: 0
                persistence: file
                max-keep-alive-seconds: 30
                max-queued-messages: 5
                """);
        assertThat(config).isEqualTo(new EmbeddedConfig("127.0.0.1", 0, EmbeddedConfig.Persistence.FILE, 30, 5L));
    }

    @Test
    void anUnknownFieldIsNamedWithFileAndLine() {
        assertThatThrownBy(() -> load("""
                # a comment
                bind-address: 127.0.0.1
                prot: 1883
                """))
                .isInstanceOf(BrokerException.class)
                .hasMessageContaining(file().toString())
                .hasMessageContaining("line 3, field 'prot': unknown field 'prot'; known fields: bind-address, "
                        + "max-keep-alive-seconds, max-queued-messages, persistence, port");
    }

    @Test
    void aWrongTypeIsNamedWithFileAndLine() {
        assertThatThrownBy(() -> load("""
                bind-address: 127.0.0.1
                port: eighteen-eighty-three
                """))
                .isInstanceOf(BrokerException.class)
                .hasMessageContaining(file() + ", line 2, field 'port': expected a whole number but got 'eighteen-eighty-three'");
    }

    @Test
    void anUnknownPersistenceModeListsTheAllowedOnes() {
        assertThatThrownBy(() -> load("persistence: disk\n"))
                .hasMessageContaining("line 1, field 'persistence': expected one of in-memory, file but got 'disk'");
    }

    @Test
    void aNonLoopbackBindAddressIsRefusedWithFileAndLine() {
        assertThatThrownBy(() -> load("""
                port: 1883

                bind-address: 0.0.0.0
                """))
                .isInstanceOf(BrokerException.class)
                .hasMessageContaining(file() + ", line 3, field 'bind-address': '0.0.0.0' is not a loopback address");
    }

    @Test
    void aHostNameOtherThanLocalhostIsRefusedWithoutALookup() {
        assertThatThrownBy(() -> load("bind-address: broker.example.com\n"))
                .hasMessageContaining("line 1, field 'bind-address': 'broker.example.com' is not an IP address");
    }

    @Test
    void anOutOfRangePortIsNamedWithItsLine() {
        assertThatThrownBy(() -> load("persistence: file\nport: 70000\n"))
                .hasMessageContaining("line 2, field 'port': 70000 is out of range 0..65535");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> EmbeddedConfigLoader.load(file()))
                .isInstanceOf(BrokerException.class)
                .hasMessageContaining(file() + " does not exist");
    }

    @Test
    void configErrorsReachTheCallerOfBrokersStart() throws Exception {
        Files.writeString(file(), "bind-address: 192.168.1.10\n");
        assertThatThrownBy(() -> Brokers.start(BrokerSettings.embedded(configDir)))
                .isInstanceOf(BrokerException.class)
                .hasMessageContaining(file() + ", line 1, field 'bind-address': '192.168.1.10' is not a loopback address");
    }

    @Test
    void theWrittenHiveMqConfigPassesHiveMqsSchemaAndCarriesTheSettings() throws Exception {
        EmbeddedConfig config = new EmbeddedConfig("::1", 41234, EmbeddedConfig.Persistence.FILE, 60, 10L);
        String xml = Files.readString(HiveMqConfigXml.write(config, configDir));
        assertThat(xml)
                .contains("<port>41234</port>", "<bind-address>0:0:0:0:0:0:0:1</bind-address>",
                        "<mode>file</mode>", "<max-keep-alive>60</max-keep-alive>", "<max-queue-size>10</max-queue-size>")
                .containsPattern("(?s)<anonymous-usage-statistics>\\s*<enabled>false</enabled>");
    }

    private EmbeddedConfig load(String yaml) throws Exception {
        Files.writeString(file(), yaml);
        return EmbeddedConfigLoader.load(file());
    }

    private Path file() {
        return configDir.resolve("embedded.yaml");
    }
}
