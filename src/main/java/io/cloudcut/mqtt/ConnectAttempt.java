package io.cloudcut.mqtt;

/**
 * The connect attempt that made a connection: when it began (scenario milliseconds) and how long it
 * took in real time (CONNECT to SUBACK). A network exchange counts at its real length in figures,
 * never multiplied by the scale the clock ran at meanwhile.
 */
public record ConnectAttempt(long startedAtMillis, long realMillis) {
}
