package io.cloudcut.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a {@code cloudcut} command in a JVM of its own, on this test run's classpath.
 * Such a JVM lives for a test (well under a minute) and mostly waits on a scenario clock, as the
 * suite's own forks do: the optimising compiler and G1's background threads cost it more CPU than
 * they save (a short-outage run took 14.3 s of CPU with the JVM's defaults, 6.9 s with these), and on
 * two cores that CPU is taken from the runs beside it. The same options are the forks' ({@code pom.xml}).
 */
public final class CloudCutJvm {

    private static final List<String> OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private CloudCutJvm() {
    }

    /** {@code java -Xmx<maxHeap> OPTIONS -cp <this run's> io.cloudcut.cli.CloudCutCommand <arguments>}. */
    public static List<String> command(String maxHeap, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx" + maxHeap);
        command.addAll(OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.cloudcut.cli.CloudCutCommand"));
        command.addAll(List.of(arguments));
        return command;
    }
}
