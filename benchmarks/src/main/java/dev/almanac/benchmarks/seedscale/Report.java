package dev.almanac.benchmarks.seedscale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.json.JsonMapper;

/** The run's summary, built as each figure is measured: one line per figure for people, and the same figures as JSON. */
public final class Report {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, @Nullable Object> json = new LinkedHashMap<>();
    private final List<String> lines = new ArrayList<>();

    void line(String label, String text) {
        lines.add("%-28s %s".formatted(label, text));
    }

    void put(String key, @Nullable Object value) {
        json.put(key, value);
    }

    /** The figures, by name, as written to the JSON file: numbers, strings, lists and maps of them. */
    public Map<String, @Nullable Object> json() {
        return Collections.unmodifiableMap(json);
    }

    public String text() {
        return String.join("\n", lines);
    }

    Path write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Seconds with one decimal, for the JSON. */
    static double seconds(Duration duration) {
        return Math.round(duration.toMillis() / 100.0) / 10.0;
    }
}
