package dev.almanac.query.changerequest;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
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
import dev.almanac.events.rule.SchedulePreview;
import dev.almanac.platform.problem.Violation;
import dev.almanac.query.access.CallerRoles;
import dev.almanac.query.action.Action;
import dev.almanac.query.rule.Rule;
import dev.almanac.query.rule.RuleActions;

/** A change request as command-service's proposal answered it, and where it stands now. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChangeRequestView(
        String id,
        String ruleId,
        @Schema(description = "proposed (open: confirm it with its version), confirmed, rejected, expired (past expires_at) or "
                + "superseded (the rule changed since, so it can no longer be confirmed)") String status,
        @Schema(description = "The change request's version, also its ETag") long version,
        @Schema(description = "The rule's version the change was proposed against") long ruleVersion,
        @Nullable String instruction,
        PatchView patch,
        @Nullable String reason,
        String description,
        PreviewView before,
        PreviewView after,
        List<Violation> warnings,
        Instant proposedAt,
        @Nullable String proposedBy,
        Instant expiresAt,
        @Schema(description = "When it was confirmed or rejected") @Nullable Instant decidedAt,
        @Nullable String decidedBy,
        @Schema(description = "The rule's version the confirmed change gave it") @Nullable Long appliedRuleVersion,
        @Nullable String rejectionReason,
        @Schema(description = "What the caller may do with it now: confirm (with If-Match: its version) and reject while it is "
                + "proposed, for whoever may change the rule; reject alone for its proposer, who may withdraw it")
        List<Action> actions) {

    /**
     * @param rule the rule it was proposed on, null when the rule is not projected yet (then nothing is offered)
     */
    static ChangeRequestView of(ChangeRequest request, Instant now, @Nullable Rule rule, CallerRoles roles) {
        RuleChangeProposed proposal = request.proposal();
        if (proposal == null) {
            throw new IllegalArgumentException("change request " + request.id() + " has no proposal yet");
        }
        @Nullable Long ruleVersion = rule == null ? null : rule.version();
        String status = request.statusAt(now, ruleVersion);
        return new ChangeRequestView(request.id(), request.ruleId(), status, request.version(),
                proposal.ruleVersion(), proposal.instruction(), PatchView.of(proposal.change()), proposal.reason(), proposal.description(),
                PreviewView.of(proposal.before()), PreviewView.of(proposal.after()),
                proposal.warnings().stream().map(warning -> new Violation("change", warning.code(), warning.message())).toList(),
                proposal.proposedAt(), request.proposedBy(), proposal.expiresAt(), request.decidedAt(), request.decidedBy(),
                request.appliedRuleVersion(), request.rejectionReason(), actionsOf(request, status, rule, roles));
    }

    /** As command-service decides a confirmation and a rejection (ADR 0024, ADR 0062). */
    private static List<Action> actionsOf(ChangeRequest request, String status, @Nullable Rule rule, CallerRoles roles) {
        if (rule == null || !"proposed".equals(status)) {
            return List.of();
        }
        String path = RuleActions.pathOf(rule.id()) + "/change-requests/" + Action.segment(request.id());
        if (roles.changesRule(rule.calendarId(), rule.createdBy())) {
            return List.of(Action.post("confirm", path + "/confirm"), Action.post("reject", path + "/reject"));
        }
        return roles.isCaller(request.proposedBy()) ? List.of(Action.post("reject", path + "/reject")) : List.of();
    }

    /** The change as a structured patch, in the shape a change request's patch is sent in. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PatchView(
            RuleChangeAction action,
            @Nullable String cron,
            @Nullable CronSyntax cronDialect,
            @Nullable RecurrenceView rrule,
            @Nullable String timezone,
            @Nullable Long durationSeconds,
            @Nullable Integer jitterSeconds,
            @Nullable DstPolicyView dstPolicy,
            @Nullable Instant resumeAfter) {

        static PatchView of(RuleChange change) {
            RecurrenceRule rrule = change.rrule();
            return new PatchView(change.action(), change.cron(), change.cronDialect(), rrule == null ? null : new RecurrenceView(
                    rrule.rrule(), local(rrule.dtstart()), rrule.exdates().stream().map(PatchView::local).toList(),
                    rrule.rdates().stream().map(PatchView::local).toList()),
                    change.timezone() == null ? null : change.timezone().getId(), change.durationSeconds(), change.jitterSeconds(),
                    change.dstPolicy() == null ? null : new DstPolicyView(change.dstPolicy().gap(), change.dstPolicy().overlap()),
                    change.resumeAfter());
        }

        private static String local(LocalDateTime time) {
            return time.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        }
    }

    public record RecurrenceView(String rrule, String dtstart, List<String> exdates, List<String> rdates) {
    }

    public record DstPolicyView(GapPolicy gap, OverlapPolicy overlap) {
    }

    @Schema(description = "The rule's next occurrences (at most 10) as they were when the change was proposed")
    public record PreviewView(String description, String timezone, List<OccurrenceView> occurrences) {

        static PreviewView of(SchedulePreview preview) {
            return new PreviewView(preview.description(), preview.timezone().getId(), preview.occurrences().stream()
                    .map(occurrence -> new OccurrenceView(occurrence.occurrenceId().value(), occurrence.start(), occurrence.end(),
                            occurrence.start().atZone(preview.timezone()).toOffsetDateTime().toString(), occurrence.dstResolution()))
                    .toList());
        }
    }

    public record OccurrenceView(String occurrenceId, Instant start, Instant end, String localStart, DstResolution dstResolution) {
    }
}
