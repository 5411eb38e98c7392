/**
 * Watching a run live in a browser, and Prometheus metrics of it: {@link io.cloudcut.dashboard.Dashboard}
 * serves a page on 127.0.0.1 that shows the fleet as tiles coloured by state, the phase, the faults
 * in force, the scenario clock, charts of devices connected and of function availability per model,
 * and, once the run is over, its verdict ladder and matrix; {@code /metrics} on the same port is for
 * Prometheus. Everything shown is counted from the observation stream as it is logged (or read back
 * from {@code observations.jsonl} for a replay), aggregated here: a page receives a snapshot, then
 * twice a second only the tiles that changed, so that it keeps up with 10,000 devices.
 */
package io.cloudcut.dashboard;
