package io.cloudcut.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads a scenario with the device models and the cloud it refers to, and validates all of them
 * together; every problem is a {@link ScenarioException} naming the file, the line and the field.
 * Device models are read from {@code <root>/devices/<id>.yaml}; a scenario without a {@code cloud}
 * field uses {@code <root>/clouds/default.yaml}.
 */
public final class ScenarioLoader {

    /**
     * Checks a link fault's kind, attributes and direction, as the fault package will build it;
     * the loader places what it says at the fault's line.
     */
    @FunctionalInterface
    public interface LinkFaultCheck {
        /** What is wrong with this link fault, if anything. */
        Optional<String> problem(String fault, Map<String, Object> attributes, String direction);

        /** Checks nothing beyond the names in {@link FaultSpec#LINK_FAULTS}. */
        LinkFaultCheck NAMES_ONLY = (fault, attributes, direction) -> Optional.empty();
    }

    /**
     * Checks the verdict word of an expectation against the ladders of the report package, which
     * this package does not see; the loader places what it says at the expectation's verdict.
     */
    @FunctionalInterface
    public interface VerdictCheck {
        /** What is wrong with this expectation's verdict word, if anything. */
        Optional<String> problem(ExpectationSpec expectation);

        /** Checks no verdict word. */
        VerdictCheck NONE = expectation -> Optional.empty();
    }

    private final Path devicesDir;
    private final Path defaultCloud;
    private final LinkFaultCheck linkFaults;
    private final VerdictCheck verdicts;

    /**
     * A loader that checks link faults by name only and expectations' verdict words not at all;
     * {@code io.cloudcut.harness.Scenarios} checks both whole.
     */
    public ScenarioLoader(Path projectRoot) {
        this(projectRoot, LinkFaultCheck.NAMES_ONLY, VerdictCheck.NONE);
    }

    public ScenarioLoader(Path projectRoot, LinkFaultCheck linkFaults, VerdictCheck verdicts) {
        this.devicesDir = projectRoot.resolve("devices");
        this.defaultCloud = projectRoot.resolve("clouds").resolve("default.yaml");
        this.linkFaults = linkFaults;
        this.verdicts = verdicts;
    }

    public Scenario load(Path file) throws ScenarioException {
        YamlDocument document = YamlDocument.read(file);
        ScenarioFile spec = document.bind(ScenarioFile.class);
        Path cloudFile = spec.cloud() == null ? defaultCloud
                : file.toAbsolutePath().getParent().resolve(spec.cloud()).normalize();
        if (spec.cloud() != null && !Files.isRegularFile(cloudFile)) {
            throw document.error("/cloud", "cloud file not found: " + cloudFile);
        }
        if (spec.cloud() == null && !Files.isRegularFile(cloudFile)) {
            throw document.error("/name", "the scenario names no cloud file, and the project directory has no "
                    + "clouds/default.yaml (looked for " + cloudFile.toAbsolutePath().normalize() + "): run from "
                    + "CloudCut's directory, or give it with --project-dir");
        }
        CloudSpec cloud = loadCloud(cloudFile);

        Map<String, DeviceModel> models = new LinkedHashMap<>();
        Map<String, YamlDocument> modelSources = new LinkedHashMap<>();
        for (int i = 0; i < spec.fleet().size(); i++) {
            addModel(spec.fleet().get(i).model(), "/fleet/" + i + "/model", document, cloud, models, modelSources);
        }
        for (int i = 0; i < spec.external().size(); i++) {
            addModel(spec.external().get(i).model(), "/external/" + i + "/model", document, cloud, models, modelSources);
        }
        validateExternal(document, spec, models);
        validateTimeline(document, spec, cloud);
        validateExpectations(document, spec, models);
        return new Scenario(spec.name(), spec.description(), file, spec.timeScale(), spec.probe(), cloud,
                spec.fleet(), spec.external(), spec.phases(), models, spec.expect(),
                new ScenarioSources(document, modelSources));
    }

    private void addModel(String id, String pointer, YamlDocument document, CloudSpec cloud,
                          Map<String, DeviceModel> models, Map<String, YamlDocument> modelSources) throws ScenarioException {
        if (models.containsKey(id)) {
            return;
        }
        Path modelFile = devicesDir.resolve(id + ".yaml");
        if (!Files.isRegularFile(modelFile)) {
            throw document.error(pointer, "unknown device model '" + id + "' (known: "
                    + String.join(", ", knownModels()) + ")");
        }
        YamlDocument modelDocument = YamlDocument.read(modelFile);
        models.put(id, bindModel(modelDocument, cloud));
        modelSources.put(id, modelDocument);
    }

    /**
     * External devices: ids and listen ports of their own, apart from the emulated devices' ids; a probe
     * (http or mqtt) for every function started on the device; for an app function, which goes through
     * the cloud, at most the state topic it is answered on.
     */
    private static void validateExternal(YamlDocument document, ScenarioFile spec, Map<String, DeviceModel> models)
            throws ScenarioException {
        Map<String, Integer> fleetCounts = fleetCounts(spec);
        Set<String> ids = new HashSet<>();
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < spec.external().size(); i++) {
            ExternalDevice device = spec.external().get(i);
            String at = "/external/" + i;
            if (inFleet(device.id(), fleetCounts) || !ids.add(device.id())) {
                throw document.error(at + "/id", "device id '" + device.id() + "' is used twice (emulated devices "
                        + "are named <model>-<n>)");
            }
            if (!ports.add(device.listenPort())) {
                throw document.error(at + "/listen", "port " + device.listenPort() + " is the listen port of another "
                        + "external device: each needs its own");
            }
            DeviceModel model = models.get(device.model());
            List<String> startedOnDevice = model.functions().stream().filter(function -> function.trigger() != Trigger.APP)
                    .map(FunctionSpec::name).toList();
            for (Map.Entry<String, ExternalProbe> probe : device.probes().entrySet()) {
                String function = probe.getKey();
                Optional<FunctionSpec> declared = model.function(function);
                if (declared.isEmpty()) {
                    throw document.error(at + "/probes/" + function, "model " + model.id() + " has no function '"
                            + function + "' (its functions: " + String.join(", ", model.functions().stream()
                            .map(FunctionSpec::name).toList()) + ")");
                }
                boolean byApp = declared.get().trigger() == Trigger.APP;
                if (byApp == probe.getValue().startsOnTheDevice()) {
                    throw document.error(at + "/probes/" + function, byApp
                            ? "function '" + function + "' is started by the app, through the cloud's commands: its "
                            + "probe can only say on which state topic the device answers (state), not start it"
                            : "function '" + function + "' is started on the device: its probe is http or mqtt "
                            + "(state is for functions the app starts)");
                }
            }
            List<String> unprobed = startedOnDevice.stream().filter(name -> !device.probes().containsKey(name)).toList();
            if (!unprobed.isEmpty()) {
                throw document.error(at + (device.probes().isEmpty() ? "" : "/probes"), "no probe for "
                        + String.join(", ", unprobed) + ": every function of " + model.id()
                        + " started on the device needs one");
            }
        }
    }

    /** How many emulated devices of each model: they are named {@code <model>-<n>}, n from 1 to the count. */
    private static Map<String, Integer> fleetCounts(ScenarioFile spec) {
        Map<String, Integer> counts = new HashMap<>();
        spec.fleet().forEach(entry -> counts.merge(entry.model(), entry.count(), Integer::max));
        return counts;
    }

    /** Loads one device model file, checking that the services it names exist in the cloud. */
    public DeviceModel loadModel(Path file, CloudSpec cloud) throws ScenarioException {
        return bindModel(YamlDocument.read(file), cloud);
    }

    /**
     * Loads the model {@code devices/<id>.yaml} against the default cloud, for a device run on its own.
     *
     * @throws IllegalArgumentException naming the known models, when there is no such file
     */
    public DeviceModel loadModel(String id) throws ScenarioException {
        Path modelFile = devicesDir.resolve(id + ".yaml");
        if (!Files.isRegularFile(modelFile)) {
            throw new IllegalArgumentException("unknown device model '" + id + "' (known: "
                    + String.join(", ", knownModels()) + ")");
        }
        return loadModel(modelFile, loadCloud(defaultCloud));
    }

    private static DeviceModel bindModel(YamlDocument document, CloudSpec cloud) throws ScenarioException {
        Path file = document.file();
        String id = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        document.setFromOutside("id", id);
        DeviceModel model = document.bind(DeviceModel.class);
        for (int f = 0; f < model.functions().size(); f++) {
            List<String> needs = model.functions().get(f).needs();
            for (int n = 0; n < needs.size(); n++) {
                if (!cloud.services().containsKey(needs.get(n))) {
                    throw document.error("/functions/" + f + "/needs/" + n, "unknown service '" + needs.get(n)
                            + "' (the cloud " + cloud.file().getFileName() + " has: " + serviceList(cloud) + ")");
                }
            }
        }
        return model;
    }

    /** Loads a cloud file: services must be kinds CloudCut emulates, needs must exist and not form a cycle. */
    public CloudSpec loadCloud(Path file) throws ScenarioException {
        YamlDocument document = YamlDocument.read(file);
        CloudFile spec = document.bind(CloudFile.class);
        for (Map.Entry<String, CloudSpec.ServiceSpec> service : spec.services().entrySet()) {
            if (!CloudSpec.SERVICE_KINDS.contains(service.getKey())) {
                throw document.error("/services/" + service.getKey(), "unknown service kind '" + service.getKey()
                        + "' (known: " + String.join(", ", CloudSpec.SERVICE_KINDS.stream().sorted().toList()) + ")");
            }
            List<String> needs = service.getValue().needs();
            for (int n = 0; n < needs.size(); n++) {
                if (!spec.services().containsKey(needs.get(n))) {
                    throw document.error("/services/" + service.getKey() + "/needs/" + n,
                            "unknown service '" + needs.get(n) + "'");
                }
            }
        }
        CloudSpec cloud = new CloudSpec(file, spec.services(), spec.persistentSessions());
        for (String service : new java.util.TreeSet<>(cloud.services().keySet())) {
            List<String> cycle = cycleFrom(service, cloud, new ArrayList<>());
            if (!cycle.isEmpty()) {
                throw document.error("/services/" + service, "dependency cycle: " + String.join(" -> ", cycle));
            }
        }
        return cloud;
    }

    private void validateTimeline(YamlDocument document, ScenarioFile spec, CloudSpec cloud)
            throws ScenarioException {
        Set<String> names = new HashSet<>();
        boolean baseline = false;
        boolean outage = false;
        Map<String, Integer> fleetCounts = fleetCounts(spec);
        Set<String> externalModels = new HashSet<>();
        Set<String> externalIds = new HashSet<>();
        spec.external().forEach(device -> {
            externalModels.add(device.model());
            externalIds.add(device.id());
        });
        for (int p = 0; p < spec.phases().size(); p++) {
            Phase phase = spec.phases().get(p);
            if (!names.add(phase.name())) {
                throw document.error("/phases/" + p + "/name", "phase name '" + phase.name() + "' is used twice");
            }
            if (phase.kind() == PhaseKind.BASELINE) {
                baseline = true;
            } else if (!baseline) {
                throw document.error("/phases/" + p + "/kind", "the timeline must start with a baseline phase");
            }
            outage |= phase.kind() == PhaseKind.OUTAGE;
            if (phase.kind() == PhaseKind.RECOVERY && !outage) {
                throw document.error("/phases/" + p + "/kind", "a recovery phase must follow an outage phase");
            }
            for (int f = 0; f < phase.faults().size(); f++) {
                FaultSpec fault = phase.faults().get(f);
                String at = "/phases/" + p + "/faults/" + f;
                if (fault.targetsService() && !cloud.services().containsKey(fault.service())) {
                    throw document.error(at + "/service", "unknown service '" + fault.service() + "' (the cloud "
                            + cloud.file().getFileName() + " has: " + serviceList(cloud) + ")");
                }
                if (fault.link() != null && !FaultSpec.ALL_LINKS.equals(fault.link())
                        && !fleetCounts.containsKey(fault.link()) && !externalModels.contains(fault.link())) {
                    throw document.error(at + "/link", "link target '" + fault.link()
                            + "' is neither 'all' nor a model of the fleet");
                }
                if (fault.targetsLinks() && !fault.onDevices()) {
                    Optional<String> problem = linkFaults.problem(fault.fault(), fault.attributes(), fault.direction());
                    if (problem.isPresent()) {
                        throw document.error(at + (fault.attributes().isEmpty() ? "/fault" : "/attributes"), problem.get());
                    }
                }
                if (fault.devices() != null) {
                    for (int d = 0; d < fault.devices().size(); d++) {
                        if (!inFleet(fault.devices().get(d), fleetCounts) && !externalIds.contains(fault.devices().get(d))) {
                            throw document.error(at + "/devices/" + d, "no device '" + fault.devices().get(d)
                                    + "' in the fleet (devices are named <model>-<n>, n from 1 to the model's count, or by their external id)");
                        }
                    }
                }
            }
        }
        if (!outage) {
            throw document.error("/phases", "a scenario needs at least one outage phase");
        }
    }

    /** Every name an expectation uses must be in the scenario, and what it bounds must be measured. */
    private void validateExpectations(YamlDocument document, ScenarioFile spec, Map<String, DeviceModel> models)
            throws ScenarioException {
        Map<String, PhaseKind> phases = new LinkedHashMap<>();
        spec.phases().forEach(phase -> phases.put(phase.name(), phase.kind()));
        for (int e = 0; e < spec.expect().size(); e++) {
            ExpectationSpec expectation = spec.expect().get(e);
            String at = "/expect/" + e;
            if (expectation.model() != null && !models.containsKey(expectation.model())) {
                throw document.error(at + "/model", "no model '" + expectation.model() + "' in the fleet (fleet: "
                        + String.join(", ", models.keySet()) + ")");
            }
            if (expectation.function() != null
                    && models.get(expectation.model()).function(expectation.function()).isEmpty()) {
                throw document.error(at + "/function", "model " + expectation.model() + " has no function '"
                        + expectation.function() + "' (its functions: " + String.join(", ", models.get(expectation.model())
                        .functions().stream().map(FunctionSpec::name).toList()) + ")");
            }
            if (expectation.phase() != null && !phases.containsKey(expectation.phase())) {
                throw document.error(at + "/phase", "no phase '" + expectation.phase() + "' in the timeline (phases: "
                        + String.join(", ", phases.keySet()) + ")");
            }
            if (expectation.kind() == ExpectationSpec.Kind.MODEL && expectation.phase() != null
                    && phases.get(expectation.phase()) != PhaseKind.OUTAGE) {
                throw document.error(at + "/phase", "a model's rung is judged in outage phases; '" + expectation.phase()
                        + "' is a " + WireNames.of(phases.get(expectation.phase())) + " phase");
            }
            if (expectation.kind() == ExpectationSpec.Kind.RECOVERY && !phases.containsValue(PhaseKind.RECOVERY)) {
                throw document.error(at + "/recovery", "the timeline has no recovery phase to bound");
            }
            boolean cutsConnections = spec.phases().stream().flatMap(phase -> phase.faults().stream())
                    .anyMatch(fault -> fault.targetsBroker() || (fault.targetsLinks() && !fault.onDevices()));
            if (expectation.kind() == ExpectationSpec.Kind.RECOVERY && expectation.recovery().reconnectP95Under() != null
                    && !cutsConnections) {
                throw document.error(at + "/recovery/reconnectP95Under", "no phase has a fault on links or the broker, "
                        + "so no device would have to connect again");
            }
            Optional<String> problem = verdicts.problem(expectation);
            if (problem.isPresent()) {
                throw document.error(at + "/verdict", problem.get());
            }
        }
    }

    /** Whether {@code device}, named {@code <model>-<n>}, is one of the fleet's, without listing the fleet. */
    private static boolean inFleet(String device, Map<String, Integer> fleetCounts) {
        int dash = device.lastIndexOf('-');
        if (dash < 0 || !fleetCounts.containsKey(device.substring(0, dash))) {
            return false;
        }
        String number = device.substring(dash + 1);
        return number.matches("[1-9][0-9]{0,9}") && Long.parseLong(number) <= fleetCounts.get(device.substring(0, dash));
    }

    private static List<String> cycleFrom(String service, CloudSpec cloud, List<String> path) {
        if (path.contains(service)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(service), path.size()));
            cycle.add(service);
            return cycle;
        }
        path.add(service);
        for (String need : cloud.services().get(service).needs()) {
            List<String> cycle = cycleFrom(need, cloud, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        return List.of();
    }

    private static String serviceList(CloudSpec cloud) {
        return String.join(", ", cloud.services().keySet().stream().sorted().toList());
    }

    private List<String> knownModels() {
        try (Stream<Path> files = Files.list(devicesDir)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml"))
                    .map(name -> name.substring(0, name.length() - 5))
                    .sorted().toList();
        } catch (IOException unreadable) {
            return List.of();
        }
    }
}
