package io.cloudcut.observation;

/** How one probe of one function ended. */
public enum ProbeOutcome { OK, REFUSED, TIMED_OUT }
