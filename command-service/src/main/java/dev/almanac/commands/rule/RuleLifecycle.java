package dev.almanac.commands.rule;

import static dev.almanac.commands.rule.Rule.now;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.calendar.Calendars;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleDeleted;
import dev.almanac.events.rule.RuleDisabled;
import dev.almanac.events.rule.RuleEnabled;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.events.rule.RuleResumed;
import dev.almanac.events.rule.RuleRunRequested;
import dev.almanac.platform.identity.Caller;

/**
 * Whether a {@link Rule} runs: active, paused (until resumed, or until {@code resume_after}),
 * disabled (until enabled), or deleted for good. A pause with {@code resume_after} ends by itself
 * when that instant passes: no event marks it, so every service reads "paused" as "paused and
 * {@code resume_after} not yet reached", this one too. A member of the rule's aggregate, in its
 * event stream.
 */
class RuleLifecycle {

    private final Rule rule;
    private RuleStatus status = RuleStatus.ACTIVE;
    /** Deleted for good; its status reads disabled, the name F033-RULE-STATUS gives a rule that no longer runs. */
    private boolean deleted;
    private @Nullable Instant pausedAt;
    private @Nullable Instant resumeAfter;
    /** The emergency pause-all that paused this rule, if one did; only its undo resumes it by that emergency. */
    private @Nullable String emergencyPauseId;

    RuleLifecycle(Rule rule) {
        this.rule = rule;
    }

    @CommandHandler
    RuleChanged handle(PauseRule command, Calendars calendars, Caller caller, Clock clock) {
        Instant now = now(clock);
        requireChangeable("be paused", calendars, caller);
        rejectIfDisabled("is disabled; a disabled rule cannot be paused");
        if (isPausedAt(now)) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "id", "paused",
                    "rule " + rule.ruleId() + " is already paused" + (resumeAfter == null ? "" : " until " + resumeAfter)
                            + "; resume it first");
        }
        if (command.resumeAfter() != null && !command.resumeAfter().isAfter(now)) {
            throw CommandRejectedException.invalid("resume_after", "future",
                    "resume_after " + command.resumeAfter() + " is not in the future; leave it out to pause until resumed");
        }
        apply(new RulePaused(rule.ruleId(), now, command.resumeAfter(), command.reason()));
        return changed(now);
    }

    /** @return whether this rule was paused now; false if it was not running */
    @CommandHandler
    boolean handle(EmergencyPauseRule command, Clock clock) {
        Instant now = now(clock);
        if (deleted || status == RuleStatus.DISABLED || isPausedAt(now)) {
            return false;
        }
        apply(new RulePaused(rule.ruleId(), now, null, command.reason(), command.emergencyPauseId()));
        return true;
    }

    /** @return whether this rule was resumed now; false unless that emergency's pause still holds it */
    @CommandHandler
    boolean handle(EmergencyResumeRule command, Clock clock) {
        Instant now = now(clock);
        if (!isPausedAt(now) || !command.emergencyPauseId().equals(emergencyPauseId)) {
            return false;
        }
        apply(new RuleResumed(rule.ruleId(), now));
        return true;
    }

    @CommandHandler
    RuleChanged handle(DisableRule command, Calendars calendars, Caller caller, Clock clock) {
        Instant now = now(clock);
        requireChangeable("be disabled", calendars, caller);
        rejectIfDisabled("is already disabled; enable it first");
        apply(new RuleDisabled(rule.ruleId(), now, command.reason()));
        return changed(now);
    }

    @CommandHandler
    RuleChanged handle(EnableRule command, Calendars calendars, Caller caller, Clock clock) {
        Instant now = now(clock);
        requireChangeable("be enabled", calendars, caller);
        if (status != RuleStatus.DISABLED) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "id", "not_disabled",
                    "rule " + rule.ruleId() + " is not disabled; only a disabled rule can be enabled");
        }
        apply(new RuleEnabled(rule.ruleId(), now));
        return changed(now);
    }

    @CommandHandler
    RuleChanged handle(ResumeRule command, Calendars calendars, Caller caller, Clock clock) {
        Instant now = now(clock);
        requireChangeable("be resumed", calendars, caller);
        rejectIfDisabled("is disabled, which a resume does not end; enable it instead");
        if (!isPausedAt(now)) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "id", "not_paused",
                    "rule " + rule.ruleId() + " is not paused" + (resumeAfter != null && status == RuleStatus.PAUSED
                            ? " (its pause ended at " + resumeAfter + ")" : "") + "; only a paused rule can be resumed");
        }
        apply(new RuleResumed(rule.ruleId(), now));
        return changed(now);
    }

    /**
     * A run of its own, due at once: for an active or a paused rule (a pause holds the series back, not an explicit run),
     * not for a disabled or deleted one. Its id derives from the version its event brings, so every run now is a new run.
     */
    @CommandHandler
    RunRequested handle(RunRuleNow command, Calendars calendars, Caller caller, Clock clock) {
        Instant now = now(clock);
        requireChangeable("run", calendars, caller);
        rejectIfDisabled("is disabled and runs nothing; enable it first");
        rule.rejectIfHeartbeat("id", "run it now");
        OccurrenceId runId = OccurrenceId.runNowOf(rule.ruleId(), rule.version() + 1);
        apply(new RuleRunRequested(rule.ruleId(), runId, now, command.reason()));
        return new RunRequested(runId, now, rule.version());
    }

    @CommandHandler
    RuleChanged handle(DeleteRule command, Calendars calendars, Caller caller, Clock clock) {
        Instant now = now(clock);
        requireChangeable("be deleted again", calendars, caller);
        apply(new RuleDeleted(rule.ruleId(), now));
        return changed(now);
    }

    @EventSourcingHandler
    void on(RulePaused paused) {
        status = RuleStatus.PAUSED;
        pausedAt = paused.pausedAt();
        resumeAfter = paused.resumeAfter();
        emergencyPauseId = paused.emergencyPauseId();
    }

    @EventSourcingHandler
    void on(RuleResumed resumed) {
        status = RuleStatus.ACTIVE;
        pausedAt = null;
        resumeAfter = null;
    }

    @EventSourcingHandler
    void on(RuleDisabled disabled) {
        status = RuleStatus.DISABLED;
        pausedAt = null;
        resumeAfter = null;
    }

    @EventSourcingHandler
    void on(RuleEnabled enabled) {
        status = RuleStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(RuleDeleted deleted) {
        this.deleted = true;
        status = RuleStatus.DISABLED;
        pausedAt = null;
        resumeAfter = null;
    }

    /** A change of the rule needs a rule that is not deleted, and a caller who may change it ({@link Rule#requireChangeableBy}). */
    void requireChangeable(String change, Calendars calendars, Caller caller) {
        // A caller with no role on the queue learns nothing of the rule, not even that it is deleted (ADR 0086).
        rule.requireSeenBy(calendars, caller);
        rejectIfDeleted(change);
        rule.requireChangeableBy(calendars, caller);
    }

    /** A deleted rule keeps its history but takes no further change (409, rule {@code deleted}). */
    void rejectIfDeleted(String change) {
        if (deleted) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "id", "deleted",
                    "rule " + rule.ruleId() + " is deleted and cannot " + change + "; create a new rule instead");
        }
    }

    /** An occurrence is not put where the rule will not run it: while it is disabled, or inside its pause. */
    void rejectUnlessRunsAt(Instant start, Instant now) {
        rejectIfDisabled("is disabled, and runs nothing; enable it first");
        if (isPausedAt(now) && (resumeAfter == null || start.isBefore(resumeAfter))) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "new_time", "paused",
                    "rule " + rule.ruleId() + " is paused " + (resumeAfter == null ? "until resumed" : "until " + resumeAfter)
                            + " and runs nothing at " + start + "; resume it first or pick a time after the pause");
        }
    }

    /** A disabled rule is neither paused nor resumed: only {@code enable} ends it (409, rule {@code disabled}). */
    private void rejectIfDisabled(String why) {
        if (status == RuleStatus.DISABLED) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "id", "disabled",
                    "rule " + rule.ruleId() + " " + why);
        }
    }

    boolean isPausedAt(Instant now) {
        return status == RuleStatus.PAUSED && (resumeAfter == null || now.isBefore(resumeAfter));
    }

    /** The status at {@code now}: a pause whose {@code resume_after} has passed reads active. */
    RuleStatus statusAt(Instant now) {
        return status == RuleStatus.PAUSED && !isPausedAt(now) ? RuleStatus.ACTIVE : status;
    }

    @Nullable Instant resumeAfter() {
        return resumeAfter;
    }

    boolean isDeleted() {
        return deleted;
    }

    /** What a change left at {@code now}: the status, the pause if one holds, the next run, and the rule's version. */
    RuleChanged changed(Instant now) {
        boolean paused = isPausedAt(now);
        Instant after = nextRunAfter(now);
        Instant nextRun = after == null ? null : rule.nextRun(after);
        return new RuleChanged(statusAt(now), paused ? pausedAt : null, paused ? resumeAfter : null, nextRun, rule.version());
    }

    /** After which instant the rule's next run starts: now, or the end of a pause; null when it has none (disabled, paused for good). */
    @Nullable Instant nextRunAfter(Instant now) {
        boolean paused = isPausedAt(now);
        return switch (status) {
            case DISABLED -> null;
            case PAUSED -> paused && resumeAfter == null ? null : paused ? resumeAfter.minusNanos(1) : now;
            case ACTIVE -> now;
        };
    }
}
