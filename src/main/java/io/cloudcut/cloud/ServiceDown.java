package io.cloudcut.cloud;

import io.cloudcut.observation.ServiceObserved;

/** Down: messages still arrive, as at a service whose workers are stuck, and none is answered. */
record ServiceDown(String cause) implements ServiceCondition {

    @Override
    public ServiceObserved.Condition observed() {
        return ServiceObserved.Condition.DOWN;
    }

    @Override
    public boolean takesDependentsDown() {
        return true;
    }

    @Override
    public Treatment treatmentAt(ServiceDesk service) {
        return (topic, message) -> service.ignore();
    }
}
