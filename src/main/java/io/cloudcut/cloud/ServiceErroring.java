package io.cloudcut.cloud;

import io.cloudcut.observation.ServiceObserved;

/** Erroring: each message is refused with an internal error, where the service's protocol has answers. */
record ServiceErroring(String cause) implements ServiceCondition {

    @Override
    public ServiceObserved.Condition observed() {
        return ServiceObserved.Condition.ERROR;
    }

    @Override
    public boolean takesDependentsDown() {
        return true;
    }

    @Override
    public Treatment treatmentAt(ServiceDesk service) {
        return (topic, message) -> service.refuse(topic, message, service.name() + ": internal error");
    }
}
