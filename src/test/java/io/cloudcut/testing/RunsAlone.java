package io.cloudcut.testing;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test (class or method) whose figures depend on having the machine to itself: it measures what the
 * harness can carry (an automatic time scale, a benchmark's ratios), times the clock's steps or an idle
 * loop's lag, or needs a port no other test may take meanwhile. The rest of the suite runs in three forks a core
 * side by side; Surefire runs these afterwards in one fork (see the {@code alone} execution in {@code pom.xml}).
 * There a class marked {@code @Execution(CONCURRENT)} starts at once beside the others, so a class that
 * measures the machine is also {@code @Isolated}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(RunsAlone.TAG)
public @interface RunsAlone {

    String TAG = "alone";
}
