package io.cloudcut.scenario;

import java.util.Map;

/** The fields of a cloud file as written: its services by name. */
record CloudFile(Map<String, CloudSpec.ServiceSpec> services, Boolean persistentSessions) {

    CloudFile {
        persistentSessions = Checks.orDefault(persistentSessions, false);
        Checks.present(services, "services");
        Checks.check(!services.isEmpty(), "a cloud needs at least one service");
    }
}
