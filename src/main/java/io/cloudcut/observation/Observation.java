package io.cloudcut.observation;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Something seen during a run, stamped with scenario time in milliseconds since the run's origin.
 * The stream of observations is the one source every output is computed from: it begins with
 * {@link RunStartedObserved}, what ran, and ends with {@link RunEndedObserved}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ProbeObserved.class, name = "probe"),
        @JsonSubTypes.Type(value = ConnectionObserved.class, name = "connection"),
        @JsonSubTypes.Type(value = SessionObserved.class, name = "session"),
        @JsonSubTypes.Type(value = StateObserved.class, name = "state"),
        @JsonSubTypes.Type(value = ServiceObserved.class, name = "service"),
        @JsonSubTypes.Type(value = PhaseObserved.class, name = "phase"),
        @JsonSubTypes.Type(value = FaultObserved.class, name = "fault"),
        @JsonSubTypes.Type(value = LinkReopenedObserved.class, name = "link-reopened"),
        @JsonSubTypes.Type(value = RecoveryObserved.class, name = "recovery"),
        @JsonSubTypes.Type(value = EventsObserved.class, name = "events"),
        @JsonSubTypes.Type(value = ConnectsStuckObserved.class, name = "connects-stuck"),
        @JsonSubTypes.Type(value = CloudReceivedObserved.class, name = "cloud-received"),
        @JsonSubTypes.Type(value = ClockObserved.class, name = "clock"),
        @JsonSubTypes.Type(value = HealthObserved.class, name = "health"),
        @JsonSubTypes.Type(value = RunStartedObserved.class, name = "run-started"),
        @JsonSubTypes.Type(value = RunEndedObserved.class, name = "run-ended")
})
public sealed interface Observation permits ProbeObserved, ConnectionObserved, SessionObserved, StateObserved,
        ServiceObserved, PhaseObserved, FaultObserved, LinkReopenedObserved, RecoveryObserved, EventsObserved,
        ConnectsStuckObserved, CloudReceivedObserved,
        ClockObserved, HealthObserved, RunStartedObserved, RunEndedObserved {

    /** Scenario time of the observation, in milliseconds since the run's origin. */
    long atMillis();
}
