package io.cloudcut.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Where each model's events ended, as layers of a stacked bar per model that add up to the events
 * generated: reached the cloud, acknowledged by the broker but lost in the cloud, still buffered on
 * the device, and dropped by the device for each reason any model gave.
 */
record EventStacks(List<String> models, Map<String, long[]> layers) {

    static EventStacks of(List<ModelReport> reports) {
        List<String> models = reports.stream().map(ModelReport::model).toList();
        Map<String, long[]> layers = new LinkedHashMap<>();
        layers.put("reached the cloud", new long[models.size()]);
        layers.put("lost in the cloud", new long[models.size()]);
        layers.put("buffered", new long[models.size()]);
        TreeSet<String> reasons = new TreeSet<>();
        reports.forEach(report -> reasons.addAll(report.events().dropped().keySet()));
        reasons.forEach(reason -> layers.put("dropped: " + reason, new long[models.size()]));
        for (int i = 0; i < reports.size(); i++) {
            EventsReport events = reports.get(i).events();
            layers.get("reached the cloud")[i] = events.delivered() - events.lostInCloud();
            layers.get("lost in the cloud")[i] = events.lostInCloud();
            layers.get("buffered")[i] = events.buffered();
            for (Map.Entry<String, Long> dropped : events.dropped().entrySet()) {
                layers.get("dropped: " + dropped.getKey())[i] = dropped.getValue();
            }
        }
        return new EventStacks(models, layers);
    }
}
