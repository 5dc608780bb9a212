package dev.almanac.recurrence.timeline;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.EventSamples;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.RecurrenceRule;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleEvent;
import dev.almanac.events.rule.RuleOptions;
import dev.almanac.events.rule.RuleUpdated;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.RecurrenceExpander;
import dev.almanac.recurrence.RecurrenceSpec;

/**
 * Object Mother for the timeline's tests: variations of the shared nightly rule (02:30 in New York
 * from 2026-11-20T12:00Z), their events in envelopes, and what the expansion engine gives for them.
 */
final class TimelineRules {

    static final RuleCreated NIGHTLY = EventSamples.ruleCreated();

    private TimelineRules() {
    }

    static RuleCreated rule(String cron, String zone, DstPolicy policy, int jitterSeconds) {
        RuleCreated sample = NIGHTLY;
        RuleOptions options = sample.options();
        return new RuleCreated(sample.ruleId(), sample.name(), cron, ZoneId.of(zone), sample.calendarId(), sample.durationSeconds(),
                sample.activeFrom(), policy, sample.jobTemplate(), new RuleOptions(options.maxConcurrent(), jitterSeconds,
                options.retryPolicy(), options.catchup(), options.maxHistory()), sample.metadata(), null, null, sample.resources());
    }

    static RuleCreated rule(String cron, String zone, int jitterSeconds) {
        return rule(cron, zone, DstPolicy.DEFAULT, jitterSeconds);
    }

    static RuleCreated withRRule(RuleCreated rule, String rrule, String dtstart) {
        return new RuleCreated(rule.ruleId(), rule.name(), "", rule.timezone(), rule.calendarId(), rule.durationSeconds(),
                rule.activeFrom(), rule.dstPolicy(), rule.jobTemplate(), rule.options(), rule.metadata(), null,
                new RecurrenceRule(rrule, LocalDateTime.parse(dtstart), List.of(), List.of()), rule.resources());
    }

    /** The update that gives {@code rule} the cron, jitter and name given, at {@code updatedAt}. */
    static RuleUpdated update(RuleCreated rule, Instant updatedAt, String cron, int jitterSeconds, String name) {
        RuleOptions options = rule.options();
        return new RuleUpdated(rule.ruleId(), updatedAt, name, cron, null, null, rule.timezone(), rule.calendarId(),
                rule.durationSeconds(), rule.dstPolicy(), rule.jobTemplate(), new RuleOptions(options.maxConcurrent(), jitterSeconds,
                options.retryPolicy(), options.catchup(), options.maxHistory()), rule.metadata(), rule.resources());
    }

    static EventMetadata envelope(RuleEvent event, long version) {
        return new EventMetadata("evt-" + event.subject() + "-" + version, EventCatalog.of(event).ceType(), "/almanac/command-service",
                NIGHTLY.activeFrom(), event.subject(), version, "ops-lead", "corr-" + event.subject(), null);
    }

    /** The timeline of {@code created} and then {@code events}, at versions 0, 1, 2 and on. */
    static RuleTimeline timeline(RuleCreated created, RuleEvent... events) {
        RuleTimeline timeline = RuleTimeline.start(created, envelope(created, 0)).orElseThrow();
        for (int index = 0; index < events.length; index++) {
            timeline = timeline.apply(events[index], envelope(events[index], index + 1));
        }
        return timeline;
    }

    /** What the engine gives for the rule from its {@code active_from} on, resolving in {@code [from, until)}. */
    static List<Occurrence> expanded(RuleCreated rule, Instant from, Instant until) {
        Instant start = from.isBefore(rule.activeFrom()) ? rule.activeFrom() : from;
        return RecurrenceExpander.expand(RecurrenceSpec.of(rule), start, until, 100_000).occurrences();
    }

    static List<Occurrence> occurrences(RuleTimeline timeline, Instant from, Instant until) {
        return timeline.startingIn(from, until).stream().map(TimelineOccurrence::occurrence).toList();
    }

    /** The first occurrence from {@code from} on whose jitter delays it by more than {@code seconds}. */
    static Occurrence delayedBeyond(RuleCreated rule, Instant from, long seconds) {
        return expanded(rule, from, from.plus(Duration.ofDays(30))).stream()
                .filter(occurrence -> occurrence.start().isAfter(occurrence.resolvedInstant().plusSeconds(seconds)))
                .findFirst().orElseThrow();
    }
}
