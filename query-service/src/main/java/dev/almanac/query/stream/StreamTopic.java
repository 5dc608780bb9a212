package dev.almanac.query.stream;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.utils.Utils;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.Topics;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.rule.RuleChangeConfirmed;
import dev.almanac.events.rule.RuleChangeProposed;
import dev.almanac.events.rule.RuleChangeRejected;
import dev.almanac.platform.consistency.ConsistencyToken;

/**
 * The topics the stream follows, with the SSE event name its changes get, the short code that names
 * it in a position token, and the consistency token of its entities where reads take one. Every topic
 * but the rules is keyed by calendar id. A rule's event is one change of every calendar its occurrences
 * land on (ADR 0068), since they are computed from it: the rule's records are keyed by rule id, so a
 * calendar's rule changes may be on any partition of the rules topic. The occurrences topic is not followed:
 * its rule occurrences change with their rule's events, and its other records, the missed and backfill runs, are
 * followed on their copy (ADR 0072).
 */
enum StreamTopic {

    CALENDARS(Topics.CALENDARS, "c", "calendar"),
    SCHEDULE(Topics.SCHEDULE, "s", "entry"),
    MISSED_RUNS(Topics.MISSED_RUNS, "m", "entry"),
    RULES(Topics.RULES, "u", "entry"),
    CONFLICTS(Topics.CONFLICTS, "x", "conflict"),
    RUNS(Topics.RUNS, "r", "run"),
    /** The dispatcher's decisions change the run state an occurrence shows, as run reports do. */
    DISPATCH(Topics.DISPATCH, "d", "run");

    /** Only calendar events of the calendars topic are about a calendar; resource events there are keyed by resource id. */
    private static final String CALENDAR_TYPES = "dev.almanac.calendar.";
    /** The rules topic's events of change requests, which change no occurrence until the rule's own update. */
    private static final Set<String> CHANGE_REQUEST_TYPES = Set.of(EventCatalog.of(RuleChangeProposed.class).ceType(),
            EventCatalog.of(RuleChangeConfirmed.class).ceType(), EventCatalog.of(RuleChangeRejected.class).ceType());

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

    /**
     * Whether a record of this topic with this {@code ce_type} is a change of a calendar: the one its key names, or, on the
     * rules topic, those of the rule (a change request's own events change no calendar).
     */
    boolean aboutCalendar(String type) {
        return switch (this) {
            case CALENDARS -> type.startsWith(CALENDAR_TYPES);
            case RULES -> !CHANGE_REQUEST_TYPES.contains(type);
            default -> true;
        };
    }

    /** Whether the topic's records are keyed by calendar id, so that one partition carries each calendar's changes. */
    boolean keyedByCalendar() {
        return this != RULES;
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
                case RULES -> ConsistencyToken.rule(subject, version);
                case MISSED_RUNS, CONFLICTS, DISPATCH -> null;
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
