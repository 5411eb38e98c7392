package io.cloudcut.harness;

import io.cloudcut.report.FunctionReport;
import io.cloudcut.report.ModelReport;
import io.cloudcut.report.ModelVerdict;
import io.cloudcut.report.PhaseCounts;
import io.cloudcut.report.RunReport;

import static org.assertj.core.api.Assertions.assertThat;

/** What the short outage scenario must show, whatever broker it runs on. */
final class OutageVerdicts {

    private OutageVerdicts() {
    }

    static void assertShortOutageVerdicts(RunReport report) {
        assertThat(report.scenario()).isEqualTo("short-outage");
        assertThat(report.model("vacuum-cloud-locked").verdict()).isEqualTo(ModelVerdict.FAIL_CLOSED);
        assertThat(report.model("doorbell-cloud-only").verdict()).isEqualTo(ModelVerdict.FAIL_CLOSED);
        assertThat(report.model("vacuum-local-first").verdict()).isEqualTo(ModelVerdict.LOCAL_FUNCTION_KEPT);
        assertThat(report.model("doorbell-local-chime").verdict()).isEqualTo(ModelVerdict.LOCAL_FUNCTION_KEPT);

        for (ModelReport model : report.models()) {
            for (FunctionReport function : model.functions()) {
                PhaseCounts baseline = function.phases().get("baseline");
                assertThat(baseline.failed())
                        .as("%s %s in the baseline (last failure: %s)", model.model(), function.name(), function.lastFailure())
                        .isZero();
                assertThat(baseline.ok()).as("%s %s probed in the baseline: a 1 h baseline is probed every 15 min",
                        model.model(), function.name()).isEqualTo(4L * model.devices());
            }
            assertThat(model.recovery().notBack()).as("%s devices not back", model.model()).isEmpty();
            assertThat(model.recovery().recovered()).as("%s recovered", model.model()).isEqualTo(model.devices());
            assertThat(model.events().balanced()).as("%s events %s", model.model(), model.events()).isTrue();
            assertThat(model.events().generated()).as("%s generated events", model.model()).isPositive();
        }
        assertThat(report.services())
                .extracting(RunReport.ServiceChange::service, RunReport.ServiceChange::because)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("ingest", "ingest"),
                        org.assertj.core.groups.Tuple.tuple("auth", "auth"),
                        org.assertj.core.groups.Tuple.tuple("notify", "ingest"),
                        org.assertj.core.groups.Tuple.tuple("commands", "auth"));
    }
}
