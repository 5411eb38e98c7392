package io.cloudcut.expectation;

import io.cloudcut.report.ExpectationResult;
import io.cloudcut.report.ModelReport;
import io.cloudcut.report.RecoveryReport;
import io.cloudcut.report.RunReport;

import java.util.List;
import java.util.stream.Collectors;

/** No device {@code NOT_RECOVERED} or {@code NEEDS_A_PERSON} at the end of the recovery phase. */
record EveryDeviceRecovered() implements Expectation {

    private static final int NAMED = 5;

    @Override
    public ExpectationResult check(RunReport report) {
        int devices = report.models().stream().mapToInt(model -> model.recovery().devices().size()).sum();
        List<RecoveryReport.DeviceRecovery> notBack = report.models().stream().map(ModelReport::recovery)
                .flatMap(recovery -> recovery.notBack().stream()).toList();
        String figure = (devices - notBack.size()) + " of " + devices + " devices recovered, needed all";
        if (!notBack.isEmpty()) {
            figure += "; not back: " + notBack.stream().limit(NAMED)
                    .map(device -> device.device() + " " + device.verdict()).collect(Collectors.joining(", "))
                    + (notBack.size() > NAMED ? " and " + (notBack.size() - NAMED) + " more" : "");
        }
        return new ExpectationResult("every device recovered", devices > 0 && notBack.isEmpty(), figure);
    }
}
