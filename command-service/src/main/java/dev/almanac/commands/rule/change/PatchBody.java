package dev.almanac.commands.rule.change;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.resource.ResourceRequest;
import dev.almanac.commands.rule.RuleSchedule;
import dev.almanac.commands.web.Zones;
import dev.almanac.events.rule.CronSyntax;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.GapPolicy;
import dev.almanac.events.rule.OverlapPolicy;
import dev.almanac.events.rule.RuleChange;
import dev.almanac.events.rule.RuleChangeAction;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.platform.problem.Violation;
import dev.almanac.recurrence.RRuleSchedule;
import dev.almanac.recurrence.RecurrenceSpec;

/**
 * A change as a structured patch, in the shape the change request's answer shows it (an instruction
 * is read into this same shape): {@code action} update, pause or resume. An update names only the
 * parts it replaces, at least one; a pause takes only {@code resume_after}; a resume nothing.
 */
@Schema(description = "The change as a structured patch. action update: at least one of cron (with cron_dialect) or rrule, "
        + "timezone, duration_seconds, jitter_seconds, dst_policy, resources; parts left out stay as they are, a new cron or rrule "
        + "replaces the schedule whatever kind it was, and resources replaces the whole list each occurrence books (empty: none; "
        + "each once, each existing, at most " + ResourceRequest.MAX_RESOURCES + "). action pause: only resume_after (optional; "
        + "an instant in the future). action resume: nothing else.")
record PatchBody(
        @NotNull RuleChangeAction action,
        @Nullable @Size(min = 1, max = 256) String cron,
        @Nullable CronSyntax cronDialect,
        @Nullable @Valid RecurrenceBody rrule,
        @Nullable @Size(min = 1, max = 64) String timezone,
        @Nullable @Min(1) @Max(86_400) Long durationSeconds,
        @Nullable @Min(0) @Max(RecurrenceSpec.MAX_JITTER_SECONDS) Integer jitterSeconds,
        @Nullable @Valid DstPolicyBody dstPolicy,
        @Nullable Instant resumeAfter,
        @Nullable @Size(max = ResourceRequest.MAX_RESOURCES) List<@NotNull @Valid ResourceRequest> resources) {

    /** An RFC 5545 recurrence: the RRULE value and its DTSTART, EXDATEs and RDATEs as local date-times in the rule's zone. */
    record RecurrenceBody(
            @NotBlank @Size(max = 1024) String rrule,
            @NotBlank @Size(max = 32) String dtstart,
            @Nullable @Size(max = RRuleSchedule.MAX_EXTRA_DATES) List<@NotNull @Size(max = 32) String> exdates,
            @Nullable @Size(max = RRuleSchedule.MAX_EXTRA_DATES) List<@NotNull @Size(max = 32) String> rdates) {
    }

    record DstPolicyBody(@NotNull GapPolicy gap, @NotNull OverlapPolicy overlap) {
    }

    /**
     * The change this patch means, checked on its own; whether the rule can take it is checked against the rule.
     *
     * @throws ProblemException 400 naming the part at fault ({@code patch.cron} and so on)
     */
    RuleChange toChange() {
        List<String> given = new ArrayList<>();
        addIfGiven(given, "cron", cron);
        addIfGiven(given, "cron_dialect", cronDialect);
        addIfGiven(given, "rrule", rrule);
        addIfGiven(given, "timezone", timezone);
        addIfGiven(given, "duration_seconds", durationSeconds);
        addIfGiven(given, "jitter_seconds", jitterSeconds);
        addIfGiven(given, "dst_policy", dstPolicy);
        addIfGiven(given, "resume_after", resumeAfter);
        addIfGiven(given, "resources", resources);
        return switch (action) {
            case PAUSE -> {
                given.remove("resume_after");
                requireNone(given, "a pause takes only resume_after");
                yield RuleChange.pause(resumeAfter);
            }
            case RESUME -> {
                requireNone(given, "a resume takes nothing but its action");
                yield RuleChange.resume();
            }
            case UPDATE -> update(given);
        };
    }

    private RuleChange update(List<String> given) {
        if (given.contains("resume_after")) {
            throw ProblemException.invalid("patch.resume_after", "one_of", "resume_after belongs to a pause; an update changes the "
                    + "rule's definition");
        }
        if (given.isEmpty()) {
            throw ProblemException.invalid("patch", "required", "an update names at least one of cron, rrule, timezone, "
                    + "duration_seconds, jitter_seconds, dst_policy or resources");
        }
        RuleSchedule schedule = null;
        if (cron != null || rrule != null || cronDialect != null) {
            try {
                schedule = rrule == null ? RuleSchedule.read(cron, cronDialect, null, null, null, null, null)
                        : RuleSchedule.read(cron, cronDialect, rrule.rrule(), rrule.dtstart(), rrule.exdates(), rrule.rdates(), null);
            } catch (ProblemException e) {
                throw new ProblemException(e.status(), e.type(), e.title(), e.getMessage(), e.violations().stream()
                        .map(violation -> new Violation(patchField(violation.field()), violation.rule(), violation.message()))
                        .toList());
            }
        }
        return new RuleChange(RuleChangeAction.UPDATE, schedule == null || schedule.rrule() != null ? null : schedule.cron(),
                schedule == null ? null : schedule.cronDialect(), schedule == null ? null : schedule.rrule(),
                timezone == null ? null : Zones.parse("patch.timezone", timezone), durationSeconds, jitterSeconds,
                dstPolicy == null ? null : new DstPolicy(dstPolicy.gap(), dstPolicy.overlap()), null,
                resources == null ? null : ResourceRequest.bookings("patch.resources", resources, "a rule"));
    }

    /** A schedule part as the patch names it: the rrule's own parts sit inside {@code patch.rrule}. */
    private static String patchField(String field) {
        return switch (field.replaceAll("\\[\\d+]$", "")) {
            case "cron", "cron_dialect", "rrule" -> "patch." + field;
            default -> "patch.rrule." + field;
        };
    }

    private static void requireNone(List<String> given, String why) {
        if (!given.isEmpty()) {
            throw ProblemException.invalid("patch." + given.get(0), "one_of", why + "; leave " + given.get(0) + " out");
        }
    }

    private static void addIfGiven(List<String> given, String field, @Nullable Object value) {
        if (value != null) {
            given.add(field);
        }
    }
}
