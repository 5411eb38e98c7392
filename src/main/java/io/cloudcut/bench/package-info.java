/**
 * {@code cloudcut bench}: how much of what one process can hold CloudCut's harness gives trustworthy
 * answers for. In one process and one run it measures bare clients of a stack doing the devices'
 * MQTT traffic, then a fleet of as many devices through the whole harness with a short outage, and
 * prints both sets of figures and their ratios.
 */
package io.cloudcut.bench;
