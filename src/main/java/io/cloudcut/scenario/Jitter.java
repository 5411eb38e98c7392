package io.cloudcut.scenario;

/** How a reconnect delay is randomised so that a fleet does not reconnect in lock-step. Written in files in lower case with hyphens. */
public enum Jitter { NONE, FULL, EQUAL, DECORRELATED }
