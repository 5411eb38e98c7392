package io.cloudcut.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** One scrape of a Prometheus text endpoint, read as a test needs it: samples by name and labels. */
record Scrape(String text) {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    static Scrape of(URI metrics) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", metrics).isEqualTo(200);
        return new Scrape(response.body());
    }

    /** The value of a sample without labels; NaN when it is not there. */
    double value(String name) {
        return sumBy(name, null).getOrDefault("", Double.NaN);
    }

    /** A metric's samples summed by the value of one label ({@code null}: all summed under ""). */
    Map<String, Double> sumBy(String name, String label) {
        Map<String, Double> sums = new HashMap<>();
        text.lines().map(SAMPLE::matcher).filter(Matcher::matches).filter(sample -> sample.group(1).equals(name))
                .forEach(sample -> sums.merge(label == null ? "" : labels(sample.group(3)).get(label),
                        Double.parseDouble(sample.group(4)), Double::sum));
        return sums;
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new HashMap<>();
        if (text != null) {
            Matcher label = LABEL.matcher(text);
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
        }
        return labels;
    }
}
