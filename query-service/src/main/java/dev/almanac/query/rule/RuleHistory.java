package dev.almanac.query.rule;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.catalog.EventType;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.RuleChangeConfirmed;
import dev.almanac.events.rule.RuleChangeProposed;
import dev.almanac.events.rule.RuleChangeRejected;
import dev.almanac.events.rule.RuleEvent;
import dev.almanac.events.rule.RuleRunRequested;
import dev.almanac.events.rule.RuleReminderRemoved;
import dev.almanac.events.rule.RuleReminderSet;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.recurrence.timeline.RuleTimeline;

/**
 * The rule's own events of {@code almanac.rules.v1}, as the rule document keeps them so that its
 * {@link RuleTimeline} can be folded again from the read model alone (after a restart, or on another
 * replica): every event that can change the rule's occurrences, each with its version and time, in
 * version order. Change requests' events and runs asked for at once are left out (a confirmed change reaches the rule as the
 * rule's own update). Its size grows with the rule's changes, as the timeline's does, never with its
 * occurrences: about half a kilobyte a creation or an update and a hundred bytes for a pause or an
 * exception; command-service caps a rule's exceptions at 1,000.
 */
public record RuleHistory(List<Recorded> events) {

    public static final RuleHistory EMPTY = new RuleHistory(List.of());

    private static final JsonMapper JSON = AlmanacJson.eventMapper();
    private static final String SOURCE = "/almanac/query-service/rule-history";

    public RuleHistory {
        events = List.copyOf(events);
    }

    /**
     * One event as kept: its CloudEvents type, the rule version it brought, when it happened, and its JSON.
     *
     * @param json the event's JSON as its producer wrote it (UTF-8)
     */
    public record Recorded(String type, long version, Instant time, String json) {
    }

    /** Whether the timeline folds events of this type: change requests' own events and runs asked for at once change no occurrence. */
    static boolean shapesOccurrences(RuleEvent event) {
        return !(event instanceof RuleChangeProposed || event instanceof RuleChangeConfirmed || event instanceof RuleChangeRejected
                || event instanceof RuleRunRequested || event instanceof RuleReminderSet || event instanceof RuleReminderRemoved);
    }

    /** This history with {@code event} at the end, unless it changes no occurrence or an event at its version is held already. */
    public RuleHistory with(RuleEvent event, EventMetadata envelope) {
        if (!shapesOccurrences(event) || !events.isEmpty() && events.get(events.size() - 1).version() >= envelope.aggregateVersion()) {
            return this;
        }
        List<Recorded> longer = new ArrayList<>(events.size() + 1);
        longer.addAll(events);
        longer.add(new Recorded(envelope.type(), envelope.aggregateVersion(), envelope.time(),
                new String(JSON.writeValueAsBytes(event), StandardCharsets.UTF_8)));
        return new RuleHistory(longer);
    }

    /** The version of the last event held; -1 when there is none. */
    public long version() {
        return events.isEmpty() ? -1 : events.get(events.size() - 1).version();
    }

    /**
     * The timeline {@code from} brought up to the last event held: the events after its version folded in, or all of them
     * from the creation when {@code from} is null. Null while the rule has no timeline (its creation is not held, or
     * rule-expander could not expand it).
     *
     * @param ruleId the rule, to name it in the envelopes the fold is given
     */
    public @Nullable RuleTimeline fold(String ruleId, @Nullable RuleTimeline from) {
        RuleTimeline timeline = from;
        for (Recorded recorded : events) {
            if (timeline != null && recorded.version() <= timeline.version()) {
                continue;
            }
            timeline = RuleTimeline.next(timeline, decode(recorded), envelope(ruleId, recorded));
        }
        return timeline;
    }

    /** The last event held, decoded; the history must hold one. */
    public RuleEvent lastEvent() {
        return decode(events.get(events.size() - 1));
    }

    private static RuleEvent decode(Recorded recorded) {
        EventType type = EventCatalog.byCeType(recorded.type())
                .orElseThrow(() -> new IllegalStateException("a rule keeps an event of unknown type " + recorded.type()));
        return (RuleEvent) JSON.readValue(recorded.json().getBytes(StandardCharsets.UTF_8), type.javaType());
    }

    private static EventMetadata envelope(String ruleId, Recorded recorded) {
        return new EventMetadata(ruleId + "@" + recorded.version(), recorded.type(), SOURCE, recorded.time(), ruleId, recorded.version(),
                "query-service", ruleId, null);
    }
}
