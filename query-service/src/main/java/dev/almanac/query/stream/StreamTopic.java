package dev.almanac.query.stream;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.kafka.common.utils.Utils;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.Topics;
import dev.almanac.platform.consistency.ConsistencyToken;

/**
 * The topics the stream follows, each keyed by calendar id, with the SSE event name its changes
 * get, the short code that names it in a position token, and the consistency token of its
 * entities where reads take one. The rules topic is left out: a rule reaches calendars as
 * occurrences.
 */
enum StreamTopic {

    CALENDARS(Topics.CALENDARS, "c", "calendar"),
    SCHEDULE(Topics.SCHEDULE, "s", "entry"),
    OCCURRENCES(Topics.OCCURRENCES, "o", "entry"),
    CONFLICTS(Topics.CONFLICTS, "x", "conflict"),
    RUNS(Topics.RUNS, "r", "run");

    /** Only calendar events of the calendars topic are about a calendar; resource events there are keyed by resource id. */
    private static final String CALENDAR_TYPES = "dev.almanac.calendar.";

    private final String topic;
    private final String code;
    private final String eventName;

    StreamTopic(String topic, String code, String eventName) {
        this.topic = topic;
        this.code = code;
        this.eventName = eventName;
    }

    String topic() {
        return topic;
    }

    String code() {
        return code;
    }

    String eventName() {
        return eventName;
    }

    static Optional<StreamTopic> of(String topic) {
        for (StreamTopic candidate : values()) {
            if (candidate.topic.equals(topic)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static Optional<StreamTopic> ofCode(String code) {
        for (StreamTopic candidate : values()) {
            if (candidate.code.equals(code)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Whether a record of this topic with this {@code ce_type} is a change of the calendar its key names. */
    boolean aboutCalendar(String type) {
        return this != CALENDARS || type.startsWith(CALENDAR_TYPES);
    }

    /** The token a read passes to see this entity at this version, where its kind takes one. */
    @Nullable String consistencyToken(String subject, @Nullable Long version) {
        if (version == null) {
            return null;
        }
        try {
            ConsistencyToken token = switch (this) {
                case SCHEDULE -> ConsistencyToken.item(subject, version);
                case CALENDARS -> ConsistencyToken.calendar(subject, version);
                case RUNS -> ConsistencyToken.run(subject, version);
                case OCCURRENCES, CONFLICTS -> null;
            };
            return token == null ? null : token.encode();
        } catch (IllegalArgumentException notAnEntityId) {
            return null;
        }
    }

    /** The partition a calendar's records take on a topic of this many partitions: the producers' default partitioner for keyed records. */
    static int partitionOf(String calendarId, int partitions) {
        return Utils.toPositive(Utils.murmur2(calendarId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
