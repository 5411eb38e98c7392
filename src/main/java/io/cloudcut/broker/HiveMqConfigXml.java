package io.cloudcut.broker;

import com.hivemq.embedded.EmbeddedHiveMQ;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes HiveMQ's {@code config.xml}. HiveMQ takes listener, persistence and statistics settings
 * only from that file and silently ignores misspelled elements, so the written file is checked
 * against the {@code config.xsd} that ships inside the HiveMQ jar.
 */
final class HiveMqConfigXml {

    static final String FILE_NAME = "config.xml";

    private HiveMqConfigXml() {
    }

    /** Writes {@code config.xml} into {@code configFolder}; {@code config.port()} must be concrete. */
    static Path write(EmbeddedConfig config, Path configFolder) throws BrokerException {
        return write(config, null, 0, configFolder);
    }

    /** As {@link #write(EmbeddedConfig, Path)}, with a TLS listener on {@code tlsPort} unless {@code tls} is null. */
    static Path write(EmbeddedConfig config, BrokerTls tls, int tlsPort, Path configFolder) throws BrokerException {
        if (config.port() == 0 || (tls != null && tlsPort == 0)) {
            throw new IllegalArgumentException("choose the free port before writing config.xml");
        }
        Path file = configFolder.resolve(FILE_NAME);
        try {
            Files.writeString(file, render(config, tls == null ? "" : tlsListener(config, tls, tlsPort)));
        } catch (IOException e) {
            throw new BrokerException("cannot write HiveMQ configuration " + file + ": " + e, e);
        }
        validate(file);
        return file;
    }

    static String render(EmbeddedConfig config, String tlsListener) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- Written by CloudCut from broker-config/embedded.yaml on every start: do not edit. -->
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                        </tcp-listener>
                %s    </listeners>
                    <mqtt>
                        <queued-messages>
                            <max-queue-size>%d</max-queue-size>
                        </queued-messages>
                        <keep-alive>
                            <max-keep-alive>%d</max-keep-alive>
                        </keep-alive>
                    </mqtt>
                    <persistence>
                        <mode>%s</mode>
                    </persistence>
                    <!-- No phoning home from a test tool. -->
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(config.port(), config.bindAddress(), tlsListener, config.maxQueuedMessages(),
                config.maxKeepAliveSeconds(), config.persistence().configName);
    }

    /** A TLS listener on the same address; with a client trust store, client certificates are REQUIRED. */
    private static String tlsListener(EmbeddedConfig config, BrokerTls tls, int tlsPort) {
        String clientTrust = tls.clientTrust() == null ? "" : """
                                <truststore>
                                    <path>%s</path>
                                    <password>%s</password>
                                </truststore>
                                <client-authentication-mode>REQUIRED</client-authentication-mode>
                """.formatted(tls.clientTrust().path(), tls.clientTrust().password());
        return """
                        <tls-tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                            <tls>
                                <keystore>
                                    <path>%s</path>
                                    <password>%s</password>
                                    <private-key-password>%s</private-key-password>
                                </keystore>
                %s            </tls>
                        </tls-tcp-listener>
                """.formatted(tlsPort, config.bindAddress(), tls.keys().path(), tls.keys().password(),
                tls.keys().password(), clientTrust);
    }

    private static void validate(Path file) throws BrokerException {
        URL schema = EmbeddedHiveMQ.class.getResource("/config.xsd");
        if (schema == null) {
            return; // a HiveMQ version without its schema: nothing to check against
        }
        try {
            SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                    .newSchema(schema)
                    .newValidator()
                    .validate(new StreamSource(file.toFile()));
        } catch (SAXException | IOException e) {
            throw new BrokerException("the HiveMQ configuration CloudCut wrote (" + file
                    + ") does not match HiveMQ's config.xsd: " + e.getMessage(), e);
        }
    }
}
