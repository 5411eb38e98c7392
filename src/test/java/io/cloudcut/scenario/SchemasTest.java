package io.cloudcut.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cloudcut.testing.Project;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON Schemas editors use must accept every shipped file, and refuse what the loader refuses. */
class SchemasTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Stream<Path> shippedFiles() throws IOException {
        return Stream.of("devices", "scenarios", "clouds").flatMap(dir -> {
            try {
                return Files.list(Project.file(dir)).filter(file -> file.toString().endsWith(".yaml")).sorted();
            } catch (IOException unreadable) {
                throw new IllegalStateException(unreadable);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("shippedFiles")
    void everyShippedFileMatchesItsSchema(Path file) throws IOException {
        OutputUnit result = validate(file.getParent().getFileName().toString(), Files.readString(file));
        assertThat(result.getValid()).as("%s: %s", file, result.getErrors()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("shippedFiles")
    void everyShippedFileNamesItsSchemaForEditors(Path file) throws IOException {
        assertThat(Files.readAllLines(file)).contains("# yaml-language-server: $schema=../schemas/"
                + schemaFor(file.getParent().getFileName().toString()));
    }

    @Test
    void theSchemasRefuseWhatTheLoaderRefuses() throws IOException {
        assertThat(validate("devices", "kind: toaster\nfunctions: [{name: chime, path: local}]\n").getValid()).isFalse();
        assertThat(validate("devices", "kind: doorbell\nfunctions: [{name: chime, path: local}]\nkeepalive: 2s\n").getValid())
                .as("unknown field").isFalse();
        assertThat(validate("scenarios", """
                name: x
                fleet: [{model: a}]
                phases: [{name: b, kind: baseline, duration: 17 hours}]
                """).getValid()).as("bad duration").isFalse();
        assertThat(validate("scenarios", """
                name: x
                fleet: [{model: a}]
                phases: [{name: b, kind: outage, duration: 1h, faults: [{service: auth, fault: blackhole}]}]
                """).getValid()).as("a link fault on a service").isFalse();
        String external = """
                name: x
                external: [{id: bench, model: a, listen: "%s", probes: {chime: {http: {url: "%s"}}}}]
                phases: [{name: b, kind: baseline, duration: 1h}]
                """;
        assertThat(validate("scenarios", external.formatted("127.0.0.1:1884", "http://127.0.0.1:8081/functions/chime"))
                .getValid()).as("external devices only").isTrue();
        assertThat(validate("scenarios", external.formatted("0.0.0.0:1884", "http://127.0.0.1:8081/functions/chime"))
                .getValid()).as("an external device's link off loopback").isFalse();
        assertThat(validate("scenarios", external.formatted("127.0.0.1:1884", "http://192.168.1.9:8081/chime"))
                .getValid()).as("a probe off loopback").isFalse();
        assertThat(validate("scenarios", "name: x\nphases: [{name: b, kind: baseline, duration: 1h}]\n").getValid())
                .as("no devices").isFalse();
        String throttled = """
                name: x
                fleet: [{model: a}]
                phases: [{name: b, kind: outage, duration: 1h, faults: [{service: auth, fault: throttled, attributes: {rate: %s}}]}]
                """;
        assertThat(validate("scenarios", throttled.formatted("2")).getValid()).as("a rate without its unit").isFalse();
        assertThat(validate("scenarios", throttled.formatted("2 per second")).getValid()).as("a rate in words").isFalse();
        for (String rate : new String[] {"30/min", "2/s", "100/h", "1/90s", "0.5/1h30m"}) {
            assertThat(validate("scenarios", throttled.formatted(rate)).getValid()).as(rate).isTrue();
        }
    }

    @Test
    void theScenarioSchemaNamesTheLinkDeviceServiceAndBrokerFaultsTheLoaderKnows() throws IOException {
        JsonObject schema = new JsonObject(Files.readString(Project.file("schemas/scenario.schema.json")));

        assertThat(schema.getJsonObject("$defs").getJsonObject("linkFault").getJsonArray("enum").getList())
                .containsExactlyInAnyOrderElementsOf(FaultSpec.LINK_FAULTS);
        assertThat(schema.getJsonObject("$defs").getJsonObject("deviceFault").getJsonArray("enum").getList())
                .containsExactlyInAnyOrderElementsOf(FaultSpec.DEVICE_FAULTS);
        assertThat(schema.getJsonObject("$defs").getJsonObject("fault").getJsonArray("oneOf").getJsonObject(0)
                .getJsonObject("properties").getJsonObject("fault").getJsonArray("enum").getList())
                .as("a service's faults").containsExactlyElementsOf(Stream.of(ServiceFault.values()).map(WireNames::of).toList());
        assertThat(schema.getJsonObject("$defs").getJsonObject("fault").getJsonArray("oneOf").getJsonObject(1)
                .getJsonObject("properties").getJsonObject("fault").getJsonArray("enum").getList())
                .as("the broker's faults").containsExactlyElementsOf(Stream.of(BrokerFault.values()).map(WireNames::of).toList());
    }

    @Test
    void theCloudAndScenarioSchemasNameTheServiceKindsTheLoaderKnows() throws IOException {
        List<String> kinds = Stream.of(ServiceKind.values()).map(WireNames::of).toList();
        JsonObject services = new JsonObject(Files.readString(Project.file("schemas/cloud.schema.json")))
                .getJsonObject("properties").getJsonObject("services");
        JsonObject scenario = new JsonObject(Files.readString(Project.file("schemas/scenario.schema.json")));

        assertThat(CloudSpec.SERVICE_KINDS).containsExactlyInAnyOrderElementsOf(kinds);
        assertThat(services.getJsonObject("propertyNames").getJsonArray("enum").getList()).as("a cloud's services")
                .containsExactlyElementsOf(kinds);
        assertThat(services.getJsonObject("additionalProperties").getJsonObject("properties").getJsonObject("needs")
                .getJsonObject("items").getJsonArray("enum").getList()).as("what a service needs").containsExactlyElementsOf(kinds);
        assertThat(scenario.getJsonObject("$defs").getJsonObject("fault").getJsonObject("properties").getJsonObject("service")
                .getJsonArray("enum").getList()).as("a fault's service").containsExactlyElementsOf(kinds);
    }

    @Test
    void theDeviceSchemaNamesTheKindsTheirFunctionsAndTheSessionPoliciesTheLoaderKnows() throws IOException {
        JsonObject properties = new JsonObject(Files.readString(Project.file("schemas/device.schema.json")))
                .getJsonObject("properties");

        assertThat(properties.getJsonObject("kind").getJsonArray("enum").getList())
                .containsExactlyInAnyOrderElementsOf(Stream.of(DeviceKind.values()).map(WireNames::of).toList());
        String functionNames = properties.getJsonObject("functions").getJsonObject("items").getJsonObject("properties")
                .getJsonObject("name").getString("description");
        for (DeviceKind kind : DeviceKind.values()) {
            assertThat(functionNames).contains(WireNames.of(kind) + ": " + String.join(", ", kind.functions()));
        }
        assertThat(properties.getJsonObject("session").getJsonObject("properties").getJsonObject("onLoss")
                .getJsonArray("enum").getList())
                .containsExactlyInAnyOrderElementsOf(Stream.of(OnSessionLoss.values()).map(WireNames::of).toList());
        assertThat(properties.getJsonObject("client").getJsonArray("enum").getList())
                .containsExactlyInAnyOrderElementsOf(Stream.of(ClientStack.values()).map(WireNames::of).toList());
    }

    private static OutputUnit validate(String dir, String yaml) throws IOException {
        JsonObject schema = new JsonObject(Files.readString(Project.file("schemas/" + schemaFor(dir))));
        Validator validator = Validator.create(JsonSchema.of(schema),
                new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("https://cloudcut.io/schemas/"));
        @SuppressWarnings("unchecked")
        Map<String, Object> document = YAML.readValue(yaml, Map.class);
        return validator.validate(new JsonObject(document));
    }

    private static String schemaFor(String dir) {
        return switch (dir) {
            case "devices" -> "device.schema.json";
            case "scenarios" -> "scenario.schema.json";
            case "clouds" -> "cloud.schema.json";
            default -> throw new IllegalArgumentException(dir);
        };
    }
}
