package io.cloudcut.comparison;

import io.cloudcut.report.ModelReport;

/**
 * What a model's MQTT client left behind: connects it left waiting for ever, a thread each on a real device (Paho
 * 1.2.5). Compared only where either run's client left any. From none, any is worse; otherwise the count may move by
 * {@link Tolerance#SHARE}, since which attempts the client leaves is a race (16 to 19 of 20 on one device).
 */
final class ConnectFigures {

    private ConnectFigures() {
    }

    /** Only for models with as many devices in both runs: a fleet of another size makes other attempts. */
    static void compare(ModelReport was, ModelReport now, Tally tally) {
        long before = was.reconnect().connectsLeftWaiting();
        long after = now.reconnect().connectsLeftWaiting();
        if (before == 0 && after == 0) {
            return;
        }
        double tolerance = Math.floor(Tolerance.SHARE * before);
        tally.count(Tally.Subject.of(was.model()), String.format("connects left waiting for ever (tolerance %.0f)", tolerance),
                before, after, tolerance);
    }
}
