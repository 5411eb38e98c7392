package io.cloudcut.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a CloudCut scenario for a JUnit 5 test class or method, and gives the tests its outcome: declare
 * a {@link ResilienceResult} parameter.
 * <pre>{@code
 * @CloudCutScenario(value = "scenarios/short-outage.yaml", devicesPerModel = 1)
 * class DoorbellResilienceTest {
 *     @Test
 *     void theLocalChimeRingsThroughTheOutage(ResilienceResult result) {
 *         result.model("doorbell-local-chime").function("chime").during("outage").isKept();
 *     }
 * }
 * }</pre>
 * On a class, the scenario runs once, before the first test that asks for its result, and every
 * test of the class shares that result; on a method, it runs for that method. The run uses the
 * embedded broker on a free port of 127.0.0.1.
 */
@Documented
@Inherited
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(CloudCutExtension.class)
public @interface CloudCutScenario {

    /** The scenario file, relative to {@link #projectDir()}; leave empty to write the scenario in {@link #yaml()}. */
    String value() default "";

    /** The scenario itself, in YAML as in a scenario file, when it is written in the test rather than in a file. */
    String yaml() default "";

    /** The project directory: where {@code devices/}, {@code clouds/} and {@code broker-config/} are. */
    String projectDir() default ".";

    /** Every model of the fleet with this many devices; 0 keeps the scenario's counts. */
    int devicesPerModel() default 0;

    /** Scenario seconds per real second ({@code 600}), or {@code auto}; empty keeps the scenario's. */
    String timeScale() default "";

    /** Every model on this MQTT client stack ({@code vertx}, {@code paho-v3}, ...); empty keeps each model's. */
    String client() default "";

    /** When set, where the run's report files go (report.json, junit.xml, report.html, observations.jsonl), relative to the working directory. */
    String reportDir() default "";
}
