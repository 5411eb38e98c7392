package io.cloudcut.identity;

import io.cloudcut.broker.ClientGrants;
import io.cloudcut.cloud.CloudTopics;
import io.cloudcut.dashboard.mqtt.DeviceConventions;
import io.cloudcut.dashboard.mqtt.DiscoveryConfig;
import io.cloudcut.dashboard.mqtt.StatusPublisher;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What each part of a run may publish and subscribe to, read off the topics the code uses
 * ({@link CloudTopics}, {@link DeviceConventions}), never wider than the part needs.
 */
final class Grants {

    /** Stands for any device in a per-device topic of the cloud's. */
    private static final String ANY_DEVICE = "+";

    private Grants() {
    }

    /**
     * A device: its events, its token requests and command replies to the cloud, its own dashboard
     * subtree and its discovery configs; it reads its token answers and commands, its own subtree
     * (its dashboard commands) and Home Assistant's announcement.
     */
    static ClientGrants device(String deviceId, DeviceConventions conventions) {
        String ownSubtree = conventions.baseTopic() + "/#";
        List<String> publish = new ArrayList<>(List.of(CloudTopics.ingest(deviceId), CloudTopics.AUTH_REQUEST,
                CloudTopics.COMMAND_REPLY, ownSubtree));
        conventions.discovery().stream().map(DiscoveryConfig::topic).forEach(publish::add);
        return new ClientGrants(publish, List.of(CloudTopics.auth(deviceId), CloudTopics.command(deviceId), ownSubtree,
                DeviceConventions.HOME_ASSISTANT_STATUS));
    }

    /**
     * A cloud service: reads what the services serve, answers devices and the app, feeds the event
     * stream, and sends itself its canary. A backend's client: the broker does not drop what it is
     * sent for a queue limit.
     */
    static ClientGrants cloud(String service) {
        return new ClientGrants(
                List.of(CloudTopics.auth(ANY_DEVICE), CloudTopics.command(ANY_DEVICE), CloudTopics.appReply(ANY_DEVICE),
                        CloudTopics.appStatus(ANY_DEVICE), CloudTopics.phonePush(ANY_DEVICE), CloudTopics.EVENT_STREAM,
                        CloudTopics.canary(service), CloudTopics.canaries(service)),
                List.of(CloudTopics.AUTH_REQUEST, CloudTopics.COMMAND_REQUEST, CloudTopics.COMMAND_REPLY,
                        CloudTopics.INGEST_ALL, CloudTopics.EVENT_STREAM, CloudTopics.canary(service),
                        CloudTopics.canaries(service)), true);
    }

    /**
     * The owners' phones: sends app commands, reads what the cloud sends the app and the phone. One
     * connection reads what the cloud sends every owner, so it is a backend's client as a service is:
     * held to a device's window of 50 and queue of 1,000, it cannot take a large fleet's results as
     * fast as the cloud sends them, and cloud-path probes would fail for it, not for the cloud.
     */
    static ClientGrants phoneApp() {
        return new ClientGrants(List.of(CloudTopics.COMMAND_REQUEST), List.of(CloudTopics.APP_ALL, CloudTopics.PHONE_ALL),
                true);
    }

    /** An observer beside ingest: reads the devices' events, writes nothing. */
    static ClientGrants monitor() {
        return new ClientGrants(List.of(), List.of(CloudTopics.INGEST_ALL));
    }

    /** The harness's status topics, and the devices' dashboard trees it clears at the end of a run. */
    static ClientGrants statusPublisher(Collection<DeviceConventions> devices) {
        return new ClientGrants(Stream.concat(Stream.of(StatusPublisher.PREFIX + "#"), dashboardTrees(devices)).toList(),
                List.of());
    }

    /**
     * An MQTT dashboard: reads the status topics and the devices' dashboard trees; writes only what a
     * dashboard sends, the devices' command topics and Home Assistant's announcement.
     */
    static ClientGrants dashboard(Collection<DeviceConventions> devices) {
        List<String> publish = new ArrayList<>(List.of(DeviceConventions.HOME_ASSISTANT_STATUS));
        devices.forEach(device -> publish.addAll(device.commandTopics()));
        return new ClientGrants(publish,
                Stream.concat(Stream.of(StatusPublisher.PREFIX + "#"), dashboardTrees(devices)).toList());
    }

    /**
     * The top levels under which the devices' dashboard topics lie ({@code homeassistant/#},
     * {@code valetudo/#}...): a few filters for any fleet, where one per device would make every
     * check run through thousands.
     */
    private static Stream<String> dashboardTrees(Collection<DeviceConventions> devices) {
        TreeSet<String> roots = new TreeSet<>();
        devices.forEach(device -> device.retainedTopics().forEach(topic -> roots.add(topic.split("/", 2)[0])));
        return roots.stream().map(root -> root + "/#");
    }
}
