/**
 * The MQTT broker the emulated devices talk to: either an embedded HiveMQ CE broker that CloudCut
 * runs (and can stop, start and restart to simulate broker faults), or an external broker that is
 * only checked for reachability.
 *
 * <p>Start one with {@link io.cloudcut.broker.Brokers#start(BrokerSettings)}.
 */
package io.cloudcut.broker;
