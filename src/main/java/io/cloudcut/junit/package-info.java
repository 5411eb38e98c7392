/**
 * CloudCut in a JUnit 5 test suite: {@link io.cloudcut.junit.CloudCutScenario} runs a scenario for a
 * test class or method, and {@link io.cloudcut.junit.ResilienceResult} asserts on its outcome with
 * failure messages that quote the figures. Needs JUnit Jupiter on the test class path (CloudCut does
 * not bring it).
 */
package io.cloudcut.junit;
