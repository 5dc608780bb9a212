package dev.almanac.query.rule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.rule.CatchupPolicy;
import dev.almanac.events.rule.ConcurrencyPolicy;
import dev.almanac.events.rule.CronSyntax;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.Heartbeat;
import dev.almanac.events.rule.RecurrenceRule;
import dev.almanac.events.rule.RetryPolicy;
import dev.almanac.platform.input.ShortDurations;
import dev.almanac.query.access.EntryDisclosure;
import dev.almanac.query.entry.BusyBlock;

/**
 * A recurring rule as F033-RULE's {@code RecurringRule} shows it, in the field names a client used
 * to create it: {@code queue} for the calendar, {@code job_template.timeout} and
 * {@code estimated_duration}, {@code options.dst_policy}. The seed's schema closes the top level,
 * so the version travels in the ETag only, and a pause's {@code resume_after} shows only in the
 * status, which turns back to {@code active} once it has passed.
 */
@Schema(name = "RecurringRule", description = "A recurring rule: a cron or an RFC 5545 RRULE read in an IANA zone, and what each "
        + "occurrence runs. A rule with a 5-field UNIX cron shows exactly F033-RULE's RecurringRule fields; cron_dialect shows "
        + "only for quartz and spring, and rrule, dtstart, exdates and rdates replace cron for a rule scheduled by an RRULE. "
        + "metadata.schedule_description says in English when the rule fires")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleView(
        @Schema(example = "rule-nightly") String id,
        @Schema(example = "Nightly cleanup") String name,
        @Schema(example = "30 2 * * *", description = "Absent for a rule scheduled by rrule") @Nullable String cron,
        @Schema(allowableValues = {"quartz", "spring"}, description = "The cron's dialect; absent for unix")
        @Nullable CronSyntax cronDialect,
        @Schema(example = "FREQ=MONTHLY;BYDAY=-1FR", description = "The RFC 5545 RRULE value scheduling the rule, instead of cron")
        @Nullable String rrule,
        @Schema(example = "2026-12-01T10:00:00", description = "With rrule: the first local start in timezone (DTSTART)")
        @Nullable LocalDateTime dtstart,
        @Schema(description = "With rrule: local date-times removed from the series (EXDATE)") @Nullable List<LocalDateTime> exdates,
        @Schema(description = "With rrule: local date-times added to the series (RDATE)") @Nullable List<LocalDateTime> rdates,
        @Schema(description = "A heartbeat's interval and grace as the rule was given them (ADR 0073); its rrule is then its beats'. "
                + "Absent for every other rule") @Nullable HeartbeatView heartbeat,
        @Schema(type = "string", description = "IANA zone the cron is read in", example = "America/New_York") ZoneId timezone,
        @Schema(description = "The calendar the occurrences land on", example = "cal-ballroom") String queue,
        JobTemplateView jobTemplate,
        OptionsView options,
        @Schema(allowableValues = {"active", "paused", "disabled", "expired"},
                description = "paused until resumed, or until the pause's resume_after has passed; a deleted rule is disabled")
        String status,
        @Schema(description = "When the rule was created (from the event)") Instant createdAt,
        @Schema(example = "user123") String createdBy,
        @Schema(description = "When the rule next runs, jitter included; absent while it is paused with no resume_after, or deleted")
        @Nullable Instant nextRun,
        @Schema(description = "When the rule was paused; only while it is paused") @Nullable Instant pausedAt,
        @Schema(description = "Who paused the rule; only while it is paused", example = "user123") @Nullable String pausedBy,
        MetadataView metadata) {

    /** The rule as it stands at {@code now}; only for a rule whose creation was projected ({@link Rule#isDefined()}). */
    public static RuleView of(Rule rule, Instant now) {
        boolean paused = rule.isPausedAt(now);
        RecurrenceRule rrule = rule.rrule();
        return new RuleView(rule.id(), rule.name(), rrule == null ? rule.cron() : null, rule.cronDialect(),
                rrule == null ? null : rrule.rrule(), rrule == null ? null : rrule.dtstart(),
                rrule == null ? null : rrule.exdates(), rrule == null ? null : rrule.rdates(), HeartbeatView.of(rule.options().heartbeat()),
                rule.timezone(), rule.calendarId(),
                new JobTemplateView(rule.jobTemplate().type(), rule.jobTemplate().payload(), rule.jobTemplate().priority(),
                        rule.jobTemplate().timeoutSeconds(), estimatedDuration(rule.durationSeconds())),
                new OptionsView(rule.options().maxConcurrent(), rule.options().jitterSeconds(), rule.options().retryPolicy(),
                        rule.options().catchup(), rule.options().catchupRule(), rule.options().maxHistory(), rule.dstPolicy(),
                        rule.options().retryLimit(),
                        rule.options().retryBackoffSeconds() == null ? null : estimatedDuration(rule.options().retryBackoffSeconds()),
                        rule.options().concurrencyPolicy()),
                rule.statusAt(now), rule.createdAt(), rule.createdBy(), rule.nextRunAt(now),
                paused ? rule.pausedAt() : null, paused ? rule.pausedBy() : null,
                new MetadataView(rule.metadata().owner(), rule.metadata().description(), rule.metadata().tags(),
                        rule.scheduleDescription(), null));
    }

    /** The rule as {@code disclosure} shows it to the caller (ADR 0096): whole, or, when it is private, as a busy block. */
    public static RuleView of(Rule rule, Instant now, EntryDisclosure disclosure) {
        RuleView whole = of(rule, now);
        BusyBlock why = disclosure.busyBlockOfRule(rule.calendarId(), rule.metadata().keptPrivate(), rule.createdBy());
        return why == null ? whole : whole.asBusyBlock(why);
    }

    /**
     * This rule as a busy block: when it runs (its schedule, zone, queue, duration, options and status) and nothing of what
     * it runs or who wrote it: an empty name, job type and creator, no payload, priority, timeout, owner, description or tags.
     */
    RuleView asBusyBlock(BusyBlock why) {
        return new RuleView(id, "", cron, cronDialect, rrule, dtstart, exdates, rdates, heartbeat, timezone, queue,
                new JobTemplateView("", Map.of(), null, null, jobTemplate.estimatedDuration()), options, status, createdAt, "",
                nextRun, pausedAt, null, new MetadataView(null, null, List.of(), metadata.scheduleDescription(), why));
    }

    /** In the request's notation ({@code 5m}, {@code 1h30m}, {@code 90s} comes back as {@code 1m30s}), so it can be sent again. */
    public static String estimatedDuration(long seconds) {
        return ShortDurations.format(Duration.ofSeconds(seconds));
    }

    @Schema(name = "RecurringRuleJobTemplate")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record JobTemplateView(
            @Schema(example = "maintenance_job") String type,
            @Schema(description = "The client's payload as sent; its values may be JSON null")
            @JsonInclude(value = JsonInclude.Include.NON_NULL, content = JsonInclude.Include.ALWAYS)
            Map<String, @Nullable Object> payload,
            @Schema(minimum = "1", maximum = "10") @Nullable Integer priority,
            @Schema(description = "Job timeout in seconds") @Nullable Integer timeout,
            @Schema(description = "How long each occurrence occupies its calendar", example = "5m") String estimatedDuration) {
    }

    @Schema(name = "RecurringRuleOptions")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OptionsView(
            @Nullable Integer maxConcurrent,
            @Schema(minimum = "0", maximum = "3600") int jitterSeconds,
            RetryPolicy retryPolicy,
            boolean catchup,
            @Schema(allowableValues = {"none", "latest", "all"}, description = "Which missed occurrences run again at once: none, the "
                    + "latest, or all that started within rule-expander's catch-up window (at most its cap per check); latest when "
                    + "catchup is set without a policy") CatchupPolicy catchupPolicy,
            @Nullable Integer maxHistory,
            DstPolicy dstPolicy,
            @Schema(description = "How many more attempts a failed or timed-out run gets; absent where the rule gave none (3 "
                    + "under a retry policy)") @Nullable Integer retryLimit,
            @Schema(description = "How long after the first failed attempt the next is due; absent where the rule gave none (30s "
                    + "under a retry policy)", example = "30s") @Nullable String retryBackoff,
            @Schema(description = "What an occurrence due while max_concurrent runs are in flight becomes; absent where the rule "
                    + "gave none (skip)") @Nullable ConcurrencyPolicy concurrencyPolicy) {
    }

    /** A heartbeat in the request's notation, so that it can be sent again. */
    @Schema(name = "RecurringRuleHeartbeat")
    public record HeartbeatView(
            @Schema(description = "How often the system reports", example = "5m") String interval,
            @Schema(description = "How long after a beat its report may still come", example = "1m") String grace) {

        static @Nullable HeartbeatView of(@Nullable Heartbeat heartbeat) {
            return heartbeat == null ? null
                    : new HeartbeatView(estimatedDuration(heartbeat.intervalSeconds()), estimatedDuration(heartbeat.graceSeconds()));
        }
    }

    @Schema(name = "RecurringRuleMetadata")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MetadataView(
            @Nullable String owner,
            @Nullable String description,
            List<String> tags,
            @Schema(description = "When the rule fires, in English (the schedule's own description, not the owner's)",
                    example = "at 02:30") @Nullable String scheduleDescription,
            @Schema(description = "Present when the rule is shown as a busy block (ADR 0096): private, to all but its creator, its "
                    + "queue's managers and the admins. Its schedule stays; its name, job type and creator are empty, and its "
                    + "payload, owner, description and tags are left out") @Nullable BusyBlock busy) {
    }
}
