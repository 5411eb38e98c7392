/**
 * Run-to-run comparison: what changed between two runs of the same scenario, read from their
 * reports. Each kind of figure is compared by a small class of its own (verdicts of models and of
 * functions, recovery, events, expectations); numeric figures within a {@link
 * io.cloudcut.comparison.Tolerance} of each other count as unchanged. Start from
 * {@link io.cloudcut.comparison.RunComparison#compare}.
 */
package io.cloudcut.comparison;
