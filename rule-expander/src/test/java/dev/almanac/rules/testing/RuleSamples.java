package dev.almanac.rules.testing;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.EventSamples;
import dev.almanac.events.Identifiers;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.CronSyntax;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.Heartbeat;
import dev.almanac.events.rule.JobTemplate;
import dev.almanac.events.rule.RecurrenceRule;
import dev.almanac.events.rule.RetryPolicy;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleEvent;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleOptions;

/**
 * Rules for rule-expander's tests, all variations of the shared {@code EventSamples.ruleCreated()}
 * (nightly at 02:30 in New York, from 2026-11-20T12:00Z), so that a change to the contract
 * sample reaches these tests too.
 */
public final class RuleSamples {

    public static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    /** When command-service recorded the sample rules' creation. */
    public static final Instant CREATED_AT = Instant.parse("2026-11-20T11:59:30.123456Z");

    private RuleSamples() {
    }

    public static RuleCreated nightly() {
        return EventSamples.ruleCreated();
    }

    public static RuleCreated nightly(String ruleId) {
        RuleCreated sample = EventSamples.ruleCreated();
        return variant(sample, ruleId, sample.cron(), sample.timezone(), sample.activeFrom(), sample.dstPolicy(), sample.options());
    }

    /** Every minute in UTC: 129,600 occurrences in a 90-day horizon. */
    public static RuleCreated everyMinute(String ruleId, Instant activeFrom) {
        RuleCreated sample = EventSamples.ruleCreated();
        return variant(sample, ruleId, "* * * * *", ZoneOffset.UTC, activeFrom, sample.dstPolicy(), sample.options());
    }

    public static RuleCreated withCron(RuleCreated rule, String cron) {
        return variant(rule, rule.ruleId().value(), cron, rule.timezone(), rule.activeFrom(), rule.dstPolicy(), rule.options());
    }

    public static RuleCreated withTimezone(RuleCreated rule, ZoneId timezone) {
        return variant(rule, rule.ruleId().value(), rule.cron(), timezone, rule.activeFrom(), rule.dstPolicy(), rule.options());
    }

    public static RuleCreated activeFrom(RuleCreated rule, Instant activeFrom) {
        return variant(rule, rule.ruleId().value(), rule.cron(), rule.timezone(), activeFrom, rule.dstPolicy(), rule.options());
    }

    public static RuleCreated withDstPolicy(RuleCreated rule, DstPolicy policy) {
        return variant(rule, rule.ruleId().value(), rule.cron(), rule.timezone(), rule.activeFrom(), policy, rule.options());
    }

    public static RuleCreated withJitter(RuleCreated rule, int jitterSeconds) {
        RuleOptions options = rule.options();
        return variant(rule, rule.ruleId().value(), rule.cron(), rule.timezone(), rule.activeFrom(), rule.dstPolicy(),
                new RuleOptions(options.maxConcurrent(), jitterSeconds, options.retryPolicy(), options.catchup(), options.maxHistory()));
    }

    /** The envelope command-service's relay gives a rule's creation. */
    public static EventMetadata envelope(RuleCreated rule) {
        return envelope(rule, 0);
    }

    public static EventMetadata envelope(RuleCreated rule, long version) {
        return new EventMetadata(Identifiers.derive("rule-event", rule.ruleId().value(), String.valueOf(version)),
                EventCatalog.of(rule).ceType(), "/almanac/command-service", CREATED_AT, rule.subject(), version,
                "platform-team-lead", "corr-" + rule.ruleId(), TRACEPARENT);
    }

    /** The envelope command-service's relay gives a rule's later event, at {@code version}, as an operator's command. */
    public static EventMetadata envelope(RuleEvent event, long version, @Nullable Instant time) {
        return new EventMetadata(Identifiers.derive("rule-event", event.subject(), String.valueOf(version)),
                EventCatalog.of(event).ceType(), "/almanac/command-service", time, event.subject(), version,
                "ops-lead", "corr-" + event.subject(), TRACEPARENT);
    }

    /** The same rule landing on another calendar, so that a test can pick its occurrences out by record key. */
    public static RuleCreated onCalendar(RuleCreated rule, String calendarId) {
        return new RuleCreated(rule.ruleId(), rule.name(), rule.cron(), rule.timezone(), CalendarId.of(calendarId),
                rule.durationSeconds(), rule.activeFrom(), rule.dstPolicy(), rule.jobTemplate(), rule.options(), rule.metadata(),
                rule.cronDialect(), rule.rrule(), rule.resources());
    }

    /** The same rule scheduled by an RRULE instead of its cron, which is then empty, as command-service writes it. */
    public static RuleCreated withRRule(RuleCreated rule, RecurrenceRule rrule) {
        return new RuleCreated(rule.ruleId(), rule.name(), "", rule.timezone(), rule.calendarId(), rule.durationSeconds(),
                rule.activeFrom(), rule.dstPolicy(), rule.jobTemplate(), rule.options(), rule.metadata(), null, rrule, rule.resources());
    }

    /**
     * A heartbeat as command-service writes one (ADR 0073): the RRULE of its beats from {@code activeFrom}'s minute in
     * {@code zone}, beats in elapsed time (gap skip, overlap twice), each as long as the interval, and its options.
     */
    public static RuleCreated heartbeat(String ruleId, ZoneId zone, Instant activeFrom, int intervalSeconds, int graceSeconds) {
        RuleCreated rule = nightly(ruleId);
        Heartbeat heartbeat = new Heartbeat(intervalSeconds, graceSeconds);
        return new RuleCreated(rule.ruleId(), rule.name(), "", zone, rule.calendarId(), intervalSeconds, activeFrom,
                Heartbeat.BEATS, new JobTemplate("billing-sync", Map.of(), null, null),
                new RuleOptions(null, 0, RetryPolicy.NONE, false, null, null, null, null, null, heartbeat), rule.metadata(), null,
                heartbeat.beatsFrom(activeFrom, zone), List.of());
    }

    /** The same rule with its cron in another dialect. */
    public static RuleCreated withCron(RuleCreated rule, CronSyntax dialect, String cron) {
        return new RuleCreated(rule.ruleId(), rule.name(), cron, rule.timezone(), rule.calendarId(), rule.durationSeconds(),
                rule.activeFrom(), rule.dstPolicy(), rule.jobTemplate(), rule.options(), rule.metadata(), dialect, null, rule.resources());
    }

    private static RuleCreated variant(RuleCreated rule, String ruleId, String cron, ZoneId timezone, Instant activeFrom,
                                       DstPolicy policy, RuleOptions options) {
        return new RuleCreated(RuleId.of(ruleId), rule.name(), cron, timezone, rule.calendarId(), rule.durationSeconds(),
                activeFrom, policy, rule.jobTemplate(), options, rule.metadata(), rule.cronDialect(), rule.rrule(), rule.resources());
    }
}
