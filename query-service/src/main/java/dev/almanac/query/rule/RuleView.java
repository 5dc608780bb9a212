package dev.almanac.query.rule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.RetryPolicy;
import dev.almanac.platform.input.ShortDurations;

/**
 * A recurring rule as seed 000's {@code RecurringRule} shows it, in the field names a client used
 * to create it: {@code queue} for the calendar, {@code job_template.timeout} and
 * {@code estimated_duration}, {@code options.dst_policy}. The seed's schema closes the top level,
 * so the version travels in the ETag only, and a pause's {@code resume_after} shows only in the
 * status, which turns back to {@code active} once it has passed.
 */
@Schema(name = "RecurringRule", description = "A recurring rule: a 5-field cron read in an IANA zone, and what each occurrence runs")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleView(
        @Schema(example = "rule-nightly") String id,
        @Schema(example = "Nightly cleanup") String name,
        @Schema(example = "30 2 * * *") String cron,
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
        return new RuleView(rule.id(), rule.name(), rule.cron(), rule.timezone(), rule.calendarId(),
                new JobTemplateView(rule.jobTemplate().type(), rule.jobTemplate().payload(), rule.jobTemplate().priority(),
                        rule.jobTemplate().timeoutSeconds(), estimatedDuration(rule.durationSeconds())),
                new OptionsView(rule.options().maxConcurrent(), rule.options().jitterSeconds(), rule.options().retryPolicy(),
                        rule.options().catchup(), rule.options().maxHistory(), rule.dstPolicy()),
                rule.statusAt(now), rule.createdAt(), rule.createdBy(), rule.nextRunAt(now),
                paused ? rule.pausedAt() : null, paused ? rule.pausedBy() : null,
                new MetadataView(rule.metadata().owner(), rule.metadata().description(), rule.metadata().tags()));
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
            @Nullable Integer maxHistory,
            DstPolicy dstPolicy) {
    }

    @Schema(name = "RecurringRuleMetadata")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MetadataView(@Nullable String owner, @Nullable String description, List<String> tags) {
    }
}
