package dev.almanac.recurrence;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import dev.almanac.events.occurrence.DstResolution;
import dev.almanac.events.occurrence.OccurrenceId;
import dev.almanac.events.rule.RuleId;

/**
 * One occurrence of a rule. {@code nominalLocalTime} is the wall-clock time the cron named in
 * {@code zone}; {@code resolvedInstant} is what the rule's DST policy made of it ({@code dstResolution}
 * says how), and the {@code id} derives from it. {@code start} is the resolved instant plus the
 * rule's jitter, and {@code end} is {@code start} plus the rule's duration.
 */
public record Occurrence(
        OccurrenceId id,
        RuleId ruleId,
        LocalDateTime nominalLocalTime,
        ZoneId zone,
        Instant resolvedInstant,
        Instant start,
        Instant end,
        DstResolution dstResolution) {
}
