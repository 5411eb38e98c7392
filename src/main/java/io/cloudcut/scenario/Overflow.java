package io.cloudcut.scenario;

/** Which event an offline buffer gives up when it is full. Written in files in lower case with hyphens. */
public enum Overflow { DROP_OLDEST, DROP_NEWEST }
