/**
 * A scenario's expectations ({@code expect:} in its file), checked against its run's report: each
 * kind is a small class behind {@link io.cloudcut.expectation.Expectation}, and each check gives an
 * {@link io.cloudcut.report.ExpectationResult} with the figure that decided it. Start from
 * {@link io.cloudcut.expectation.Expectations#checked}.
 */
package io.cloudcut.expectation;
