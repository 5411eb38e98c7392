package io.cloudcut.scenario;

/** How a function is exercised: {@code local} is the physical button on the device, {@code cloud} goes through the cloud services over MQTT. Written in files in lower case with hyphens. */
public enum FunctionPath { LOCAL, CLOUD }
