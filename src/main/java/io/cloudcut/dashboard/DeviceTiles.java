package io.cloudcut.dashboard;

import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.ProbeObserved;
import io.cloudcut.observation.RecoveryObserved;
import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.FunctionSpec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One tile per device of the fleet, grouped by model in the fleet's order: each model has as many
 * tiles as the fleet has devices of it, given to its devices in the order they are first seen (so
 * that nothing here assumes how device ids are spelled, and a clustered run's devices fit too).
 * Keeps per model how many devices are in each state and how its functions fared at their last
 * probes, and which tiles changed since the pages were last told. Not thread-safe: its board locks.
 */
final class DeviceTiles {

    /** A model's block of tiles and its figures. */
    static final class Group {
        final DeviceModel model;
        final int first;
        final int size;
        final Map<String, Integer> functions = new HashMap<>();
        final int[] inState = new int[TileState.values().length];
        int seen;
        int connected;
        /** (device, function) pairs probed at least once, and those whose last probe failed. */
        int probed;
        int failing;

        Group(DeviceModel model, int first, int size) {
            this.model = model;
            this.first = first;
            this.size = size;
            List<FunctionSpec> specs = model.functions();
            for (int i = 0; i < specs.size(); i++) {
                functions.put(specs.get(i).name(), i);
            }
            inState[TileState.WAITING.ordinal()] = size;
        }

        /** Share of its functions that worked at their last probe on each device; null before any probe. */
        Double availability() {
            return probed == 0 ? null : (double) (probed - failing) / probed;
        }
    }

    private static final class Device {
        final String id;
        final Group group;
        final int tile;
        final BitSet probed = new BitSet();
        final BitSet failing = new BitSet();
        boolean connected;
        boolean everConnected;
        boolean gaveUp;
        RecoveryObserved recovery;
        TileState state = TileState.WAITING;

        Device(String id, Group group, int tile) {
            this.id = id;
            this.group = group;
            this.tile = tile;
        }

        TileState judge() {
            if (gaveUp || (recovery != null && recovery.needsPerson())) {
                return TileState.NEEDS_A_PERSON;
            }
            if (recovery != null && !recovery.recovered()) {
                return TileState.NOT_RECOVERED;
            }
            if (!connected) {
                return everConnected ? TileState.OFFLINE : TileState.WAITING;
            }
            if (!failing.isEmpty()) {
                return TileState.IMPAIRED;
            }
            return recovery != null ? TileState.RECOVERED : TileState.CONNECTED;
        }
    }

    private final Map<String, Group> groups = new HashMap<>();
    private final List<Group> ordered = new ArrayList<>();
    private final Map<String, Device> devices = new HashMap<>();
    private final String[] ids;
    private final byte[] states;
    /** What the pages were last told of each tile. */
    private final byte[] told;
    private final Map<Integer, String> newlyNamed = new HashMap<>();

    DeviceTiles(List<DeviceModel> models, Map<String, Integer> devicesPerModel) {
        int next = 0;
        for (DeviceModel model : models) {
            Group group = new Group(model, next, devicesPerModel.getOrDefault(model.id(), 0));
            groups.put(model.id(), group);
            ordered.add(group);
            next += group.size;
        }
        ids = new String[next];
        states = new byte[next];
        told = new byte[next];
    }

    List<Group> groups() {
        return ordered;
    }

    int size() {
        return states.length;
    }

    void connection(ConnectionObserved change) {
        Device device = device(change.device(), change.model());
        if (device == null) {
            return;
        }
        boolean up = change.change() == ConnectionObserved.Change.UP;
        if (up != device.connected) {
            device.group.connected += up ? 1 : -1;
        }
        device.connected = up;
        device.everConnected |= up;
        device.gaveUp = change.change() == ConnectionObserved.Change.GAVE_UP;
        rejudge(device);
    }

    void probe(ProbeObserved probe) {
        Device device = device(probe.device(), probe.model());
        Integer function = device == null ? null : device.group.functions.get(probe.function());
        // a probe of an earlier round (one that timed out, or one of the round that found it back) may be
        // logged after the device's recovery: the recovery says how every function stood then
        if (function == null || (device.recovery != null && probe.atMillis() < device.recovery.atMillis())) {
            return;
        }
        if (!device.probed.get(function)) {
            device.probed.set(function);
            device.group.probed++;
        }
        if (device.failing.get(function) == probe.ok()) {
            device.failing.set(function, !probe.ok());
            device.group.failing += probe.ok() ? -1 : 1;
        }
        rejudge(device);
    }

    void recovery(RecoveryObserved recovery) {
        Device device = device(recovery.device(), recovery.model());
        if (device != null) {
            device.recovery = recovery;
            if (recovery.recovered()) {
                // every function worked in the round that found it back, whatever order its probes were logged in
                device.group.failing -= device.failing.cardinality();
                device.failing.clear();
            }
            rejudge(device);
        }
    }

    /** The tiles changed since the last call, as {@code [tile, state, tile, state...]}, and the ids first seen. */
    JsonObject changes() {
        JsonArray changed = new JsonArray();
        for (int tile = 0; tile < states.length; tile++) {
            if (states[tile] != told[tile]) {
                changed.add(tile).add((int) states[tile]);
                told[tile] = states[tile];
            }
        }
        JsonObject named = new JsonObject();
        newlyNamed.forEach((tile, id) -> named.put(tile.toString(), id));
        newlyNamed.clear();
        return new JsonObject().put("changes", changed).put("named", named);
    }

    /** Every tile's state and device id (null for one not seen yet), for a page that just opened. */
    JsonObject all() {
        JsonArray tiles = new JsonArray();
        JsonArray names = new JsonArray();
        for (int tile = 0; tile < states.length; tile++) {
            tiles.add((int) states[tile]);
            names.add(ids[tile]);
        }
        return new JsonObject().put("tiles", tiles).put("ids", names);
    }

    private Device device(String id, String model) {
        Device device = devices.get(id);
        if (device != null) {
            return device;
        }
        Group group = groups.get(model);
        if (group == null || group.seen == group.size) {
            return null;
        }
        device = new Device(id, group, group.first + group.seen++);
        devices.put(id, device);
        ids[device.tile] = id;
        newlyNamed.put(device.tile, id);
        return device;
    }

    private void rejudge(Device device) {
        TileState now = device.judge();
        if (now != device.state) {
            device.group.inState[device.state.ordinal()]--;
            device.group.inState[now.ordinal()]++;
            device.state = now;
            states[device.tile] = (byte) now.ordinal();
        }
    }
}
