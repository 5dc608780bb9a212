package dev.almanac.query.detail;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import dev.almanac.query.rule.RuleView;

/** F033-DETAIL/F033-JOB's detailed schedule of one local day. */
@Schema(name = "DetailedSchedule", description = "Every job starting on one local day, and the recurring rules behind them")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DetailedSchedule(
        @Schema(type = "string", format = "date", example = "2025-09-14") LocalDate date,
        @Schema(type = "string", example = "America/New_York") ZoneId timezone,
        @Schema(description = "How many jobs start on the day, over all pages") int totalJobs,
        @Schema(description = "This page of the day's jobs, by start and then id") List<ScheduledJob> jobs,
        @Schema(description = "Every rule with an occurrence starting on the day (all pages), by id") List<RuleView> recurringRules,
        @Schema(description = "Set when more jobs follow: pass it as cursor, with the same date, timezone and queue")
        @Nullable String nextCursor) {

    public DetailedSchedule {
        jobs = List.copyOf(jobs);
        recurringRules = List.copyOf(recurringRules);
    }
}
