package io.cloudcut.harness;

import io.vertx.core.Future;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Devices stopping, each by its own future: all stopped, or a failure that names those that had not. */
final class DevicesStopping {

    private DevicesStopping() {
    }

    /** Completes when every device of {@code stopping} has; after {@code limit}, fails naming those that had not. */
    static Future<Void> within(Map<String, Future<Void>> stopping, Duration limit) {
        return Future.join(new ArrayList<>(stopping.values())).<Void>mapEmpty()
                .timeout(limit.toMillis(), TimeUnit.MILLISECONDS)
                .recover(failed -> {
                    List<String> notStopped = stopping.entrySet().stream().filter(device -> !device.getValue().isComplete())
                            .map(Map.Entry::getKey).toList();
                    return Future.failedFuture(notStopped.isEmpty() ? failed : new IllegalStateException(notStopped.size()
                            + (notStopped.size() == 1 ? " device" : " devices") + " had not stopped within "
                            + limit.toSeconds() + " s: " + FewNames.of(notStopped)));
                });
    }
}
