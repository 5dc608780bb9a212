package dev.almanac.commands.rule.change;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.LocalDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.rule.CronSyntax;
import dev.almanac.events.rule.DstResolution;
import dev.almanac.events.rule.GapPolicy;
import dev.almanac.events.rule.OverlapPolicy;
import dev.almanac.events.rule.RecurrenceRule;
import dev.almanac.events.rule.RuleChange;
import dev.almanac.events.rule.RuleChangeAction;
import dev.almanac.events.rule.RuleChangeProposed;
import dev.almanac.events.rule.RuleChangeWarning;
import dev.almanac.events.rule.SchedulePreview;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.platform.problem.Violation;

/**
 * A proposal as its proposer is shown it (OPS-CHANGE: "proposed patch + confidence + warnings"), with
 * the rule's next occurrences before and after the change. Nothing has changed yet.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ChangeRequestResponse(
        String id,
        String ruleId,
        @Schema(description = "proposed: nothing has changed; confirm it with its version before expires_at") String status,
        @Schema(description = "The change request's version, also its ETag; confirm with it") long version,
        @Schema(description = "The rule's version the change was proposed against; a confirmation needs the rule still at it") long ruleVersion,
        @Nullable String instruction,
        @Schema(description = "The change as a structured patch: what the instruction was read as, in the shape a request's patch takes")
        PatchView patch,
        @Schema(description = "How sure the reading of the instruction is, from 0 to 1: 1 for a patch and for an instruction with one "
                + "reading; below 1 where the words leave a doubt (a bare hour such as 'at 6', 'move it back', 'every other week' "
                + "counted from which week), each doubt named in warnings and its other reading in alternatives")
        double confidence,
        @Schema(description = "Other readings of the instruction, each an instruction that says it without the doubt; propose one "
                + "of them instead if the reading shown is not what was meant")
        List<String> alternatives,
        @Nullable String reason,
        @Schema(description = "The change in English") String description,
        PreviewView before,
        PreviewView after,
        @Schema(description = "What the confirming person should know; field is change, rule names the warning "
                + "(dst_gap, dst_overlap, frequent, pauses_imminent, drops_imminent, rule_paused, rule_disabled; and for an "
                + "instruction's reading ambiguous_time, ambiguous_direction, ambiguous_ordinal, ambiguous_phase, skip_as_pause)")
        List<Violation> warnings,
        Instant proposedAt,
        String proposedBy,
        @Schema(description = "After this instant the proposal can no longer be confirmed") Instant expiresAt) {

    static ChangeRequestResponse of(RuleChangeProposed proposed, String proposedBy) {
        return new ChangeRequestResponse(proposed.changeRequestId().value(), proposed.ruleId().value(), "proposed", 0,
                proposed.ruleVersion(), proposed.instruction(), PatchView.of(proposed.change()), Reading.confidence(proposed.warnings()),
                proposed.warnings().stream().filter(warning -> warning.code().equals(Reading.ALTERNATIVE)).map(RuleChangeWarning::message)
                        .toList(),
                proposed.reason(), proposed.description(), PreviewView.of(proposed.before()), PreviewView.of(proposed.after()),
                proposed.warnings().stream().filter(warning -> !warning.code().equals(Reading.ALTERNATIVE))
                        .map(warning -> new Violation("change", warning.code(), warning.message())).toList(),
                proposed.proposedAt(), proposedBy, proposed.expiresAt());
    }

    /** The patch a request may send; parts the change does not name are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PatchView(
            RuleChangeAction action,
            @Nullable String cron,
            @Nullable CronSyntax cronDialect,
            @Nullable RecurrenceView rrule,
            @Nullable String timezone,
            @Nullable Long durationSeconds,
            @Nullable Integer jitterSeconds,
            @Nullable DstPolicyView dstPolicy,
            @Nullable Instant resumeAfter,
            @Nullable List<ResourceBooking> resources) {

        static PatchView of(RuleChange change) {
            return new PatchView(change.action(), change.cron(), change.cronDialect(), RecurrenceView.of(change.rrule()),
                    change.timezone() == null ? null : change.timezone().getId(), change.durationSeconds(), change.jitterSeconds(),
                    change.dstPolicy() == null ? null : new DstPolicyView(change.dstPolicy().gap(), change.dstPolicy().overlap()),
                    change.resumeAfter(), change.resources());
        }
    }

    record RecurrenceView(String rrule, String dtstart, List<String> exdates, List<String> rdates) {

        static @Nullable RecurrenceView of(@Nullable RecurrenceRule rrule) {
            return rrule == null ? null : new RecurrenceView(rrule.rrule(), local(rrule.dtstart()),
                    rrule.exdates().stream().map(RecurrenceView::local).toList(), rrule.rdates().stream().map(RecurrenceView::local).toList());
        }

        private static String local(LocalDateTime time) {
            return time.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        }
    }

    record DstPolicyView(GapPolicy gap, OverlapPolicy overlap) {
    }

    @Schema(description = "The rule's next occurrences (at most 10) as rule-expander materialises them, DST policy and jitter included")
    record PreviewView(@Schema(description = "The schedule in English") String description, String timezone,
                       List<OccurrenceView> occurrences) {

        static PreviewView of(SchedulePreview preview) {
            return new PreviewView(preview.description(), preview.timezone().getId(), preview.occurrences().stream()
                    .map(occurrence -> new OccurrenceView(occurrence.occurrenceId().value(), occurrence.start(), occurrence.end(),
                            occurrence.start().atZone(preview.timezone()).toOffsetDateTime().toString(), occurrence.dstResolution()))
                    .toList());
        }
    }

    record OccurrenceView(
            String occurrenceId,
            Instant start,
            Instant end,
            @Schema(description = "start as wall-clock time in the preview's timezone, with its offset") String localStart,
            DstResolution dstResolution) {
    }
}
