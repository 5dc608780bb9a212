package dev.almanac.query.stream;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.common.TopicPartition;

/**
 * How far a subscription has come on each topic partition that carries its calendars: the offset
 * of the first record it has not been told of. It travels as each event's SSE {@code id}, an
 * opaque base64url text, and comes back as {@code Last-Event-ID}.
 */
record StreamPositions(Map<TopicPartition, Long> offsets) {

    /** Room for the partitions of the most calendars a stream takes, on every topic, with a margin; more is not one of ours. */
    static final int MAX_LENGTH = 4096;

    private static final String VERSION = "1|";
    private static final Pattern ENTRY = Pattern.compile("([a-z]):(\\d{1,9}):(\\d{1,18})");

    StreamPositions {
        offsets = Map.copyOf(offsets);
    }

    String encode() {
        String plain = offsets.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition)))
                .map(entry -> StreamTopic.of(entry.getKey().topic()).orElseThrow().code() + ":" + entry.getKey().partition() + ":"
                        + entry.getValue())
                .collect(Collectors.joining(",", VERSION, ""));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The positions, or empty if {@code text} is not one that {@link #encode()} made: a client can send anything. */
    static Optional<StreamPositions> decode(String text) {
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (!plain.startsWith(VERSION) || plain.length() == VERSION.length()) {
            return Optional.empty();
        }
        Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
        for (String entry : plain.substring(VERSION.length()).split(",", -1)) {
            Matcher matcher = ENTRY.matcher(entry);
            if (!matcher.matches()) {
                return Optional.empty();
            }
            Optional<StreamTopic> topic = StreamTopic.ofCode(matcher.group(1));
            if (topic.isEmpty()) {
                return Optional.empty();
            }
            TopicPartition partition = new TopicPartition(topic.get().topic(), Integer.parseInt(matcher.group(2)));
            if (offsets.put(partition, Long.parseLong(matcher.group(3))) != null) {
                return Optional.empty();
            }
        }
        return Optional.of(new StreamPositions(offsets));
    }
}
