package io.cloudcut.scenario;

/** What a phase is for: the baseline that verdicts compare against, an outage whose faults are active, or the recovery after them. Written in files in lower case with hyphens. */
public enum PhaseKind { BASELINE, OUTAGE, RECOVERY }
