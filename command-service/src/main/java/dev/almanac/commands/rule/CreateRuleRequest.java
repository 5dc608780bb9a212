package dev.almanac.commands.rule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.resource.ResourceRequest;
import dev.almanac.commands.web.PathIds;
import dev.almanac.commands.web.Zones;
import dev.almanac.events.Identifiers;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.rule.CatchupPolicy;
import dev.almanac.events.rule.ConcurrencyPolicy;
import dev.almanac.events.rule.CronSyntax;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.GapPolicy;
import dev.almanac.events.rule.Heartbeat;
import dev.almanac.events.rule.HttpTarget;
import dev.almanac.events.rule.JobTemplate;
import dev.almanac.events.rule.OverlapPolicy;
import dev.almanac.events.rule.RetryPolicy;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleMetadata;
import dev.almanac.events.rule.RuleOptions;
import dev.almanac.platform.input.ShortDurations;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.recurrence.RRuleSchedule;
import dev.almanac.recurrence.RecurrenceSpec;

/**
 * {@code POST /api/v1/schedules/rules} (F033-RULE). Almanac adds, where the published schema
 * leaves room: {@code id} (client-chosen, idempotent), {@code job_template.estimated_duration}
 * (how long each occurrence occupies its calendar, like {@code 5m} or {@code 1h30m}; default
 * 5m), {@code options.dst_policy} (default: gap shift_forward, overlap earlier),
 * {@code options.catchup_policy} ({@code none}, {@code latest}, {@code all}; ADR 0023), and schedules
 * besides the 5-field cron F033-RULE asks for: {@code cron_dialect} (unix, quartz, spring), an RFC 5545
 * {@code rrule} with {@code dtstart}, {@code exdates} and {@code rdates}, or SCH-RECURRENCE's
 * {@code recurrence} pattern with {@code dtstart} (see {@link RuleSchedule}), or a {@code heartbeat}, whose runs a
 * system that runs by itself reports and Almanac never dispatches ({@link HeartbeatRules}, ADR 0073); and
 * {@code resources}, which each occurrence books as an item books its own (ADR 0029).
 */
record CreateRuleRequest(
        @Nullable @Pattern(regexp = Identifiers.PATTERN, message = "must be 1-128 letters, digits or . _ : - and start with a letter or digit") String id,
        @NotBlank @Size(min = 1, max = 128) String name,
        @Nullable @Size(max = 256) String cron,
        @Nullable CronSyntax cronDialect,
        @Nullable @Size(max = 1024) String rrule,
        @Nullable @Size(max = 32) String dtstart,
        @Nullable @Size(max = RRuleSchedule.MAX_EXTRA_DATES) List<@NotNull @Size(max = 32) String> exdates,
        @Nullable @Size(max = RRuleSchedule.MAX_EXTRA_DATES) List<@NotNull @Size(max = 32) String> rdates,
        @Nullable @Valid RecurrenceRequest recurrence,
        @Schema(description = "Instead of cron, rrule or recurrence: a heartbeat, reported by a system that runs by itself every "
                + "interval and never dispatched (ADR 0073); dtstart, if given, is its first beat, otherwise the minute of the request")
        @Nullable @Valid HeartbeatRequest heartbeat,
        @NotBlank String timezone,
        @NotBlank String queue,
        @NotNull @Valid JobTemplateRequest jobTemplate,
        @Nullable @Valid OptionsRequest options,
        @Nullable @Valid MetadataRequest metadata,
        @Schema(description = "Resources each occurrence books for its whole slot, as an item's resources (ADR 0029): each at most "
                + "once (400, rule unique), at most " + ResourceRequest.MAX_RESOURCES + ", each existing (422, rule exists). A booking "
                + "over a time the resource is unavailable, or already booked, is accepted: conflict-detector reports it")
        @Nullable @Size(max = ResourceRequest.MAX_RESOURCES) List<@NotNull @Valid ResourceRequest> resources) {

    /** At most six digits per unit: far beyond the one-day maximum, never beyond a long. */
    static final String DURATION = ShortDurations.PATTERN;
    static final Duration DEFAULT_DURATION = Duration.ofMinutes(5);
    static final Duration MAXIMUM_DURATION = Duration.ofDays(1);

    record JobTemplateRequest(
            @NotBlank @Size(max = 64) String type,
            @Nullable Map<String, Object> payload,
            @Nullable @Min(1) @Max(10) Integer priority,
            @Nullable @Min(1) Integer timeout,
            @Nullable @Pattern(regexp = DURATION, message = "must read like 90s, 5m, 2h or 1h30m") String estimatedDuration) {
    }

    record OptionsRequest(
            @Nullable @Min(1) Integer maxConcurrent,
            @Nullable @Min(0) @Max(3600) Integer jitterSeconds,
            @Nullable RetryPolicy retryPolicy,
            @Nullable Boolean catchup,
            @Nullable @Min(0) Integer maxHistory,
            @Nullable @Valid DstPolicyRequest dstPolicy,
            @Nullable CatchupPolicy catchupPolicy,
            @Schema(description = "How many more attempts a failed or timed-out run gets under retry_policy, 0 to 10; default 3")
            @Nullable @Min(0) @Max(10) Integer retryLimit,
            @Schema(description = "How long after the first failed attempt the next is due, like 30s or 5m, at most 1h; linear adds it "
                    + "per attempt, exponential doubles it; default 30s")
            @Nullable @Pattern(regexp = DURATION, message = "must read like 90s, 5m, 2h or 1h30m") String retryBackoff,
            @Schema(description = "What an occurrence due while max_concurrent runs are in flight becomes: skip (default), buffer_one "
                    + "(the newest waits for a run to end) or allow")
            @Nullable ConcurrencyPolicy concurrencyPolicy) {

        /**
         * F033-RULE-OPTIONS' {@code catchup} switch and Almanac's {@code catchup_policy}, which says which missed
         * occurrences run again: without a policy, {@code catchup} means {@code latest}; with one,
         * {@code catchup} may be left out, and if given must agree (true for latest or all, false for none).
         */
        RuleOptions toOptions() {
            if (catchupPolicy != null && catchup != null && catchup != (catchupPolicy != CatchupPolicy.NONE)) {
                throw ProblemException.invalid("options.catchup_policy", "one_of", "catchup_policy "
                        + catchupPolicy.name().toLowerCase(Locale.ROOT) + " contradicts catchup " + catchup
                        + "; leave catchup out, or make it true for latest or all and false for none");
            }
            boolean catches = catchupPolicy != null ? catchupPolicy != CatchupPolicy.NONE : Boolean.TRUE.equals(catchup);
            RetryPolicy retries = retryPolicy == null ? RetryPolicy.NONE : retryPolicy;
            if (retries == RetryPolicy.NONE && (retryLimit != null || retryBackoff != null)) {
                throw ProblemException.invalid(retryLimit != null ? "options.retry_limit" : "options.retry_backoff", "requires",
                        "retry_limit and retry_backoff belong to a retry policy; set retry_policy to linear or exponential, or leave them out");
            }
            if (concurrencyPolicy != null && maxConcurrent == null) {
                throw ProblemException.invalid("options.concurrency_policy", "requires",
                        "concurrency_policy says what happens beyond max_concurrent; set max_concurrent too, or leave it out");
            }
            return new RuleOptions(maxConcurrent, jitterSeconds == null ? 0 : jitterSeconds, retries, catches, maxHistory, catchupPolicy,
                    retryLimit, backoffSeconds(retryBackoff), concurrencyPolicy);
        }

        private static @Nullable Integer backoffSeconds(@Nullable String text) {
            if (text == null) {
                return null;
            }
            Duration backoff = ShortDurations.parse(text).orElse(Duration.ZERO);
            if (backoff.toSeconds() < 1 || backoff.toSeconds() > RuleOptions.LONGEST_RETRY_BACKOFF_SECONDS) {
                throw ProblemException.invalid("options.retry_backoff", "range",
                        "retry_backoff must be at least 1s and at most 1h, but was " + text);
            }
            return (int) backoff.toSeconds();
        }
    }

    record DstPolicyRequest(@Nullable GapPolicy gap, @Nullable OverlapPolicy overlap) {
    }

    record MetadataRequest(
            @Nullable @Size(max = 128) String owner,
            @Nullable @Size(max = 2000) String description,
            @Nullable @Size(max = 20) List<@NotBlank @Size(max = 64) String> tags,
            @Schema(description = "Whether the rule is private (default false): its occurrences are then busy blocks, with no "
                    + "name, tags, metadata or job details, to all but its creator, its queue's managers and the admins (ADR 0096)")
            @JsonProperty("private") @Nullable Boolean privateRule) {
    }

    CreateRule toCommand(Supplier<RuleId> newId, Instant now) {
        OptionsRequest opts = options == null ? new OptionsRequest(null, null, null, null, null, null, null, null, null, null) : options;
        DstPolicyRequest dst = opts.dstPolicy() == null ? new DstPolicyRequest(null, null) : opts.dstPolicy();
        ZoneId zone = Zones.parse("timezone", timezone);
        Heartbeat beats = heartbeat == null ? null : HeartbeatRules.heartbeat(heartbeat);
        RuleSchedule schedule = beats == null ? RuleSchedule.read(cron, cronDialect, rrule, dtstart, exdates, rdates, recurrence)
                : HeartbeatRules.schedule(beats, cron, cronDialect, rrule, recurrence, dtstart, exdates, rdates, zone, now);
        DstPolicy defaultDst = beats == null ? DstPolicy.DEFAULT : Heartbeat.BEATS;
        DstPolicy dstPolicy = new DstPolicy(dst.gap() == null ? defaultDst.gap() : dst.gap(),
                dst.overlap() == null ? defaultDst.overlap() : dst.overlap());
        long durationSeconds = duration(jobTemplate.estimatedDuration(),
                beats == null ? DEFAULT_DURATION : HeartbeatRules.defaultDuration(beats, DEFAULT_DURATION)).toSeconds();
        JobTemplate template = validTemplate(beats != null);
        RuleOptions ruleOptions = opts.toOptions();
        if (beats != null) {
            ruleOptions = HeartbeatRules.options(beats, ruleOptions, template, dstPolicy, opts.dstPolicy() != null, durationSeconds);
        }
        CreateRule command = new CreateRule(id == null ? newId.get() : RuleId.of(id), new RuleDefinition(
                name.strip(),
                schedule,
                zone,
                PathIds.parse("queue", queue, CalendarId::of),
                durationSeconds,
                dstPolicy,
                template,
                ruleOptions,
                metadata == null ? RuleMetadata.NONE
                        : new RuleMetadata(metadata.owner(), metadata.description(),
                        metadata.tags() == null ? List.of() : metadata.tags(), metadata.privateRule()),
                ResourceRequest.bookings("resources", resources, "a rule"),
                now));
        if (beats == null && recurrence != null && schedule.rrule() != null) {
            RecurrenceLimit.require(recurrence, RecurrenceSpec.of(command.toEvent()), schedule.rrule().dtstart());
        }
        return command;
    }

    /** The body of a PUT: the same fields as a creation; an {@code id}, if given, must be the path's. */
    UpdateRule toUpdate(RuleId ruleId, @Nullable Long expectedVersion, Instant now) {
        if (id != null && !id.equals(ruleId.value())) {
            throw ProblemException.invalid("id", "path_id",
                    "id " + id + " is not the rule in the path, " + ruleId + "; leave it out or make it the same");
        }
        return UpdateRule.replacing(toCommand(() -> ruleId, now), expectedVersion);
    }

    /** The job template; one of type http must name a target that can work (docs/executor.md), unless a heartbeat refuses it. */
    private JobTemplate validTemplate(boolean heartbeatRule) {
        JobTemplate template = new JobTemplate(jobTemplate.type().strip(), jobTemplate.payload() == null ? Map.of() : jobTemplate.payload(),
                jobTemplate.priority(), jobTemplate.timeout());
        if (heartbeatRule) {
            return template;
        }
        try {
            HttpTarget.of(template);
        } catch (HttpTarget.Invalid invalid) {
            throw ProblemException.invalid(invalid.field(), invalid.rule(), invalid.getMessage());
        }
        return template;
    }

    private static Duration duration(@Nullable String text, Duration otherwise) {
        if (text == null) {
            return otherwise;
        }
        // The @Pattern has already refused any other spelling.
        Duration duration = ShortDurations.parse(text).orElse(Duration.ZERO);
        if (duration.isZero() || duration.compareTo(MAXIMUM_DURATION) > 0) {
            throw ProblemException.invalid("job_template.estimated_duration", "range",
                    "estimated_duration must be more than 0 and at most 24h, but was " + text);
        }
        return duration;
    }
}
