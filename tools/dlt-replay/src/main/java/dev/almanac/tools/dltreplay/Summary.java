package dev.almanac.tools.dltreplay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.common.TopicPartition;

/** What a run did: records replayed by original topic, skipped and refused, and where it left the group. */
public final class Summary {

    private final DltReplay.Settings settings;
    private final Map<String, Integer> replayed = new TreeMap<>();
    private final List<String> refused = new ArrayList<>();
    private final List<String> positions = new ArrayList<>();
    private int skipped;

    Summary(DltReplay.Settings settings) {
        this.settings = settings;
    }

    void replayed(String topic) {
        replayed.merge(topic, 1, Integer::sum);
    }

    void skip() {
        skipped++;
    }

    void refused(String why) {
        refused.add(why);
    }

    void position(TopicPartition partition, Range range) {
        positions.add(partition + ": " + range.describe(DltReplay.GROUP, settings.dryRun()));
    }

    /** Replayed, or for a dry run would have been. */
    public int replayed() {
        return replayed.values().stream().mapToInt(Integer::intValue).sum();
    }

    public Map<String, Integer> replayedByTopic() {
        return Map.copyOf(replayed);
    }

    /** Records replayed, skipped or refused so far. */
    public int dealtWith() {
        return replayed() + skipped + refused.size();
    }

    public int skipped() {
        return skipped;
    }

    public List<String> refused() {
        return List.copyOf(refused);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("\ndlt-replay of ").append(settings.dlt())
                .append(settings.dryRun() ? " (dry run: nothing sent, nothing committed)" : "")
                .append(", reason ").append(settings.reason()).append('\n')
                .append(settings.dryRun() ? "  would replay " : "  replayed ").append(replayed());
        replayed.forEach((topic, count) -> text.append(", ").append(count).append(" to ").append(topic));
        text.append("; skipped ").append(skipped).append("; refused ").append(refused.size()).append('\n');
        refused.forEach(why -> text.append("  refused ").append(why).append('\n'));
        positions.forEach(line -> text.append("  ").append(line).append('\n'));
        return text.toString();
    }
}
