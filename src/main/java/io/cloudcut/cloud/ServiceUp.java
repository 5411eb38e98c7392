package io.cloudcut.cloud;

import io.cloudcut.observation.ServiceObserved;

/** Up: every message is handled as it comes. */
record ServiceUp() implements ServiceCondition {

    @Override
    public String cause() {
        return null;
    }

    @Override
    public ServiceObserved.Condition observed() {
        return ServiceObserved.Condition.UP;
    }

    @Override
    public Treatment treatmentAt(ServiceDesk service) {
        return service::handle;
    }
}
