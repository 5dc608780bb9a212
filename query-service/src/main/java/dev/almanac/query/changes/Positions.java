package dev.almanac.query.changes;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How far the change log held each topic partition: the highest offset, by {@code topic/partition}. A partition that is
 * not named held nothing.
 */
record Positions(SortedMap<String, Long> through) {

    static final Positions NONE = new Positions(new TreeMap<>());

    private static final String PREFIX = "almanac.";

    Positions {
        through = new TreeMap<>(through);
    }

    static Positions of(Map<String, Long> through) {
        return new Positions(new TreeMap<>(through));
    }

    /** The offset held through on {@code partition}; -1 when none was. */
    long of(String partition) {
        return through.getOrDefault(partition, -1L);
    }

    /** Compact text: {@code topic:partition=offset,...;topic:...}, topics without their common prefix. */
    String encode() {
        StringBuilder text = new StringBuilder();
        String topic = null;
        for (Map.Entry<String, Long> entry : through.entrySet()) {
            int slash = entry.getKey().lastIndexOf('/');
            String entryTopic = entry.getKey().substring(0, slash);
            String partition = entry.getKey().substring(slash + 1);
            if (!entryTopic.equals(topic)) {
                if (topic != null) {
                    text.append(';');
                }
                topic = entryTopic;
                text.append(entryTopic.startsWith(PREFIX) ? entryTopic.substring(PREFIX.length()) : "=" + entryTopic).append(':');
            } else {
                text.append(',');
            }
            text.append(partition).append('=').append(entry.getValue());
        }
        return text.toString();
    }

    static Optional<Positions> decode(String text) {
        TreeMap<String, Long> through = new TreeMap<>();
        if (text.isEmpty()) {
            return Optional.of(new Positions(through));
        }
        try {
            for (String group : text.split(";", -1)) {
                int colon = group.indexOf(':');
                if (colon <= 0) {
                    return Optional.empty();
                }
                String name = group.substring(0, colon);
                String topic = name.startsWith("=") ? name.substring(1) : PREFIX + name;
                for (String pair : group.substring(colon + 1).split(",", -1)) {
                    int equals = pair.indexOf('=');
                    int partition = Integer.parseInt(pair.substring(0, equals));
                    long offset = Long.parseLong(pair.substring(equals + 1));
                    if (partition < 0 || offset < 0) {
                        return Optional.empty();
                    }
                    through.put(ChangeLog.partitionId(topic, partition), offset);
                }
            }
        } catch (RuntimeException notPositions) {
            return Optional.empty();
        }
        return Optional.of(new Positions(through));
    }
}
