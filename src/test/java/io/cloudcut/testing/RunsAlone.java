package io.cloudcut.testing;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test (class or method) whose figures depend on having the machine's CPU to itself: it measures what the
 * harness can carry (an automatic time scale, a benchmark's ratios) or starts several JVMs. The rest
 * of the suite runs in two forks side by side; Surefire runs these afterwards, one at a time
 * (see the {@code alone} execution in {@code pom.xml}).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(RunsAlone.TAG)
public @interface RunsAlone {

    String TAG = "alone";
}
