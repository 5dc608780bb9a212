package dev.almanac.platform.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The series of a Prometheus text scrape ({@code /actuator/prometheus}), each its metric's name and labels, in the order
 * scraped: what a test reads to prove that a series exists, and exists once.
 */
public record PrometheusSeries(String name, Map<String, String> labels, String value) {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+(\\S+)(?:\\s+\\d+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    /** Every sample line of the scrape, comments left out. */
    public static List<PrometheusSeries> parse(String scrape) {
        List<PrometheusSeries> series = new ArrayList<>();
        for (String line : scrape.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line.strip());
            if (!sample.matches()) {
                throw new IllegalArgumentException("not a Prometheus sample: " + line);
            }
            Map<String, String> labels = new TreeMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            series.add(new PrometheusSeries(sample.group(1), labels, sample.group(3)));
        }
        return series;
    }

    /** The series' identity: its name and its labels, in their names' order. */
    public String key() {
        return name + labels;
    }

    public String label(String label) {
        return labels.get(label);
    }
}
