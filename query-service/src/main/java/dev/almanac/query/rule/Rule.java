package dev.almanac.query.rule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.CronSyntax;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.JobTemplate;
import dev.almanac.events.rule.RecurrenceRule;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleDeleted;
import dev.almanac.events.rule.RuleDisabled;
import dev.almanac.events.rule.RuleEnabled;
import dev.almanac.events.rule.RuleEnded;
import dev.almanac.events.rule.RuleEvent;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleMetadata;
import dev.almanac.events.rule.RuleMissedRunDecided;
import dev.almanac.events.rule.RuleRunRequested;
import dev.almanac.events.rule.RuleOccurrenceCancelled;
import dev.almanac.events.rule.RuleOccurrenceMoved;
import dev.almanac.events.rule.RuleOptions;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.events.rule.RuleResumed;
import dev.almanac.events.rule.RuleUpdated;
import dev.almanac.query.readmodel.Versioned;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.RecurrenceExpander;
import dev.almanac.recurrence.RecurrenceSpec;
import dev.almanac.recurrence.Series;
import dev.almanac.recurrence.SeriesExceptions;

/**
 * A recurring rule's full definition, enough for rule queries, where it stands in its lifecycle, and
 * its own events ({@link RuleHistory}), from which its occurrences are computed (ADR 0068). The
 * definition is null only while the rule's creation has not been seen (a lifecycle event applied
 * first, after topic retention); such a rule is not answered ({@link #isDefined()}).
 *
 * <p>{@code status} is the stored one; {@link #statusAt(Instant)} reads a pause whose
 * {@code resumeAfter} has passed as active, as the command side and rule-expander do, since no
 * event marks that moment. {@code exceptions} are the series' moved and cancelled occurrences and
 * its end (ADR 0023), read through {@link Series} as every service reads them.
 */
public record Rule(
        String id,
        @Nullable String name,
        @Nullable String cron,
        @Nullable CronSyntax cronDialect,
        @Nullable RecurrenceRule rrule,
        @Nullable ZoneId timezone,
        @Nullable String calendarId,
        long durationSeconds,
        @Nullable Instant activeFrom,
        @Nullable DstPolicy dstPolicy,
        @Nullable JobTemplate jobTemplate,
        @Nullable RuleOptions options,
        @Nullable RuleMetadata metadata,
        String status,
        @Nullable Instant createdAt,
        @Nullable String createdBy,
        @Nullable Instant pausedAt,
        @Nullable String pausedBy,
        @Nullable Instant resumeAfter,
        @Nullable String pauseReason,
        long version,
        SeriesExceptions exceptions,
        RuleHistory history) implements Versioned {

    /** A created rule is active until a later event (pause, deletion) says otherwise. */
    static final String ACTIVE = "active";
    static final String PAUSED = "paused";
    /** F033-RULE-STATUS's status for a rule that no longer runs: a disabled or deleted rule (see {@code RuleDeleted}). */
    static final String DISABLED = "disabled";
    /** F033-RULE-STATUS's status for a rule whose schedule has run its course (COUNT or UNTIL): it never runs again. */
    static final String EXPIRED = "expired";

    /** The rule as its creation made it; time and actor come from the envelope. */
    public static Rule created(RuleCreated rule, EventMetadata envelope) {
        return new Rule(rule.ruleId().value(), rule.name(), rule.cron(), rule.cronDialect(), rule.rrule(), rule.timezone(),
                rule.calendarId().value(),
                rule.durationSeconds(), rule.activeFrom(), rule.dstPolicy(), rule.jobTemplate(), rule.options(), rule.metadata(),
                ACTIVE, envelope.time(), envelope.actor(), null, null, null, null, envelope.aggregateVersion(), SeriesExceptions.NONE,
                RuleHistory.EMPTY);
    }

    /**
     * The definition replaced; status, pause, creation and {@code activeFrom} stay. Before the creation
     * is seen there is no {@code activeFrom} to keep, so the rule stays undefined until it is.
     */
    public static Rule updated(@Nullable Rule before, RuleUpdated updated, EventMetadata envelope) {
        if (before == null || !before.isDefined()) {
            Rule lifecycle = before == null ? withLifecycle(null, updated.ruleId().value(), ACTIVE, null, null, null, null, 0) : before;
            return withLifecycle(null, lifecycle.id, lifecycle.status, lifecycle.pausedAt, lifecycle.pausedBy, lifecycle.resumeAfter,
                    lifecycle.pauseReason, envelope.aggregateVersion());
        }
        return new Rule(before.id, updated.name(), updated.cron(), updated.cronDialect(), updated.rrule(), updated.timezone(),
                updated.calendarId().value(), updated.durationSeconds(), before.activeFrom, updated.dstPolicy(),
                updated.jobTemplate(), updated.options(), updated.metadata(), before.status, before.createdAt, before.createdBy,
                before.pausedAt, before.pausedBy, before.resumeAfter, before.pauseReason, envelope.aggregateVersion(), before.exceptions,
                before.history);
    }

    /** Paused by the envelope's actor; the definition stays. */
    public static Rule paused(@Nullable Rule before, RulePaused paused, EventMetadata envelope) {
        return withLifecycle(before, paused.ruleId().value(), PAUSED, paused.pausedAt(), envelope.actor(), paused.resumeAfter(),
                paused.reason(), envelope.aggregateVersion());
    }

    public static Rule resumed(@Nullable Rule before, RuleResumed resumed, EventMetadata envelope) {
        return withLifecycle(before, resumed.ruleId().value(), ACTIVE, null, null, null, null, envelope.aggregateVersion());
    }

    /**
     * Disabled until enabled: shown with F033-RULE-STATUS's status {@code disabled}; a pause it replaces is gone.
     * {@code pausedAt} keeps when it was disabled, which tells it from a deleted rule and from when its
     * occurrences are held back ({@link #heldBackSince}); the rule view shows it only for a pause.
     */
    public static Rule disabled(@Nullable Rule before, RuleDisabled disabled, EventMetadata envelope) {
        return withLifecycle(before, disabled.ruleId().value(), DISABLED, disabled.disabledAt(), null, null, null,
                envelope.aggregateVersion());
    }

    public static Rule enabled(@Nullable Rule before, RuleEnabled enabled, EventMetadata envelope) {
        return withLifecycle(before, enabled.ruleId().value(), ACTIVE, null, null, null, null, envelope.aggregateVersion());
    }

    public static Rule deleted(@Nullable Rule before, RuleDeleted deleted, EventMetadata envelope) {
        return withLifecycle(before, deleted.ruleId().value(), DISABLED, null, null, null, null, envelope.aggregateVersion());
    }

    /** One occurrence moved (RFC 5545's RECURRENCE-ID): it keeps its identity and starts where it was moved to. */
    public static Rule occurrenceMoved(@Nullable Rule before, RuleOccurrenceMoved moved, EventMetadata envelope) {
        return withExceptions(before, moved.ruleId().value(), exceptions -> exceptions.moving(moved.recurrenceId(), moved.start()),
                envelope.aggregateVersion());
    }

    /** One occurrence cancelled (RFC 5545's EXDATE). */
    public static Rule occurrenceCancelled(@Nullable Rule before, RuleOccurrenceCancelled cancelled, EventMetadata envelope) {
        return withExceptions(before, cancelled.ruleId().value(), exceptions -> exceptions.cancelling(cancelled.recurrenceId()),
                envelope.aggregateVersion());
    }

    /** The series ended: no occurrence from {@code endsAt} on ("this and following" continues it in another rule). */
    public static Rule ended(@Nullable Rule before, RuleEnded ended, EventMetadata envelope) {
        return withExceptions(before, ended.ruleId().value(), exceptions -> exceptions.endingAt(ended.endsAt()), envelope.aggregateVersion());
    }

    /** A missed run decided: a reschedule moves the occurrence, a deletion cancels it, a backfill changes nothing of the series. */
    public static Rule missedRunDecided(@Nullable Rule before, RuleMissedRunDecided decided, EventMetadata envelope) {
        return withExceptions(before, decided.ruleId().value(), exceptions -> switch (decided.action()) {
            case RESCHEDULE -> decided.newStart() == null ? exceptions : exceptions.moving(decided.recurrenceId(), decided.newStart());
            case DELETE_MISSED -> exceptions.cancelling(decided.recurrenceId());
            case APPROVE_BACKFILL_RUN -> exceptions;
        }, envelope.aggregateVersion());
    }

    /** A run asked for at once: a run of its own, apart from the series; only the rule's version moves. */
    public static Rule runRequested(@Nullable Rule before, RuleRunRequested requested, EventMetadata envelope) {
        return withExceptions(before, requested.ruleId().value(), UnaryOperator.identity(), envelope.aggregateVersion());
    }

    /** The rule as it was, at the event's version: an event that changes nothing shown here (a reminder, ADR 0079). */
    public static Rule touched(@Nullable Rule before, String ruleId, EventMetadata envelope) {
        return withExceptions(before, ruleId, UnaryOperator.identity(), envelope.aggregateVersion());
    }

    /**
     * This state with {@code event} kept in its history, after the history {@code before} kept: a transition that starts
     * the rule afresh (its creation) keeps what came before it too, so that the history stays the rule's whole history.
     */
    public Rule recording(@Nullable Rule before, RuleEvent event, EventMetadata envelope) {
        return withHistory((before == null ? RuleHistory.EMPTY : before.history).with(event, envelope));
    }

    /** This state with {@code kept} as its history. */
    public Rule withHistory(RuleHistory kept) {
        return new Rule(id, name, cron, cronDialect, rrule, timezone, calendarId, durationSeconds, activeFrom, dstPolicy, jobTemplate,
                options, metadata, status, createdAt, createdBy, pausedAt, pausedBy, resumeAfter, pauseReason, version, exceptions, kept);
    }

    /** Whether the rule was deleted: it runs no more occurrences. */
    public boolean isDeleted() {
        return status.equals(DISABLED);
    }

    /** Whether the rule's creation has been projected, so that it can be shown. */
    public boolean isDefined() {
        return name != null;
    }

    /**
     * The status at {@code now}: a pause ends by itself once {@code resumeAfter} has passed, and a rule
     * that is not disabled is expired once its schedule ends (an RRULE's COUNT or UNTIL, a Quartz year)
     * and its last occurrence has passed; no event marks either moment.
     */
    public String statusAt(Instant now) {
        return statusAt(status, resumeAfter, exhaustedFrom(), now);
    }

    /**
     * The status at {@code now} of a rule stored with {@code status}: expired from
     * {@code exhaustedFrom} on unless disabled, paused until {@code resumeAfter} (when given).
     */
    static String statusAt(String status, @Nullable Instant resumeAfter, @Nullable Instant exhaustedFrom, Instant now) {
        if (!status.equals(DISABLED) && exhaustedFrom != null && !now.isBefore(exhaustedFrom)) {
            return EXPIRED;
        }
        boolean paused = status.equals(PAUSED) && (resumeAfter == null || now.isBefore(resumeAfter));
        return paused ? PAUSED : status.equals(PAUSED) ? ACTIVE : status;
    }

    /**
     * From when the rule has run its course: the resolved instant of its last occurrence, for a
     * schedule that ends or a series that was ended ({@link RecurrenceExpander#isExhausted} reads the
     * same moment), or the latest moved start after it. Null for a series that never ends, or before
     * the rule's creation is seen. One that ends without any occurrence has run its course from
     * {@code activeFrom}.
     */
    public @Nullable Instant exhaustedFrom() {
        if (!isDefined()) {
            return null;
        }
        return series().exhaustedFrom(activeFrom == null ? Instant.EPOCH : activeFrom);
    }

    /**
     * When the rule next runs after {@code now}, jitter included, as the command side answers it: the
     * first of its occurrences from {@code activeFrom} on to start after {@code now}, which may have
     * resolved before it; none for a deleted rule or one paused without a {@code resumeAfter}; for a
     * pause with one, the first to start from then on.
     */
    public @Nullable Instant nextRunAt(Instant now) {
        if (!isDefined() || cron == null || timezone == null || dstPolicy == null || options == null) {
            return null;
        }
        String state = statusAt(now);
        Instant after;
        if (state.equals(ACTIVE)) {
            after = now;
        } else if (state.equals(PAUSED) && resumeAfter != null) {
            after = resumeAfter.minusNanos(1);
        } else {
            return null;
        }
        return series().next(after, activeFrom == null ? Instant.EPOCH : activeFrom).map(Occurrence::start).orElse(null);
    }

    /**
     * What the rule means to the expansion engine: its schedule read as every service reads it
     * ({@link RecurrenceSpec#schedule}), as rule-expander builds it from the same definition, so
     * that occurrences computed from it carry the ids and instants rule-expander gives them.
     *
     * @throws IllegalStateException if the rule's creation has not been projected
     */
    public RecurrenceSpec spec() {
        if (!isDefined() || cron == null || timezone == null || dstPolicy == null || options == null) {
            throw new IllegalStateException("rule " + id + " has no definition yet");
        }
        return new RecurrenceSpec(RuleId.of(id), RecurrenceSpec.schedule(cron, cronDialect, rrule), timezone, dstPolicy,
                Duration.ofSeconds(durationSeconds), options.jitterSeconds());
    }

    /** The rule's series: its spec with its exceptions ({@link #spec()} throws before the creation is seen). */
    public Series series() {
        return new Series(spec(), exceptions);
    }

    /** In English, when the rule fires; null before its creation is seen. */
    public @Nullable String scheduleDescription() {
        return isDefined() ? spec().schedule().description() : null;
    }

    /** Whether the rule is disabled (and not deleted): it runs nothing from {@code pausedAt} until it is enabled. */
    /** Whether the rule is a heartbeat, whose beats a system reports by itself and Almanac never dispatches (ADR 0073). */
    public boolean isHeartbeat() {
        return options != null && !options.dispatched();
    }

    public boolean isDisabled() {
        return status.equals(DISABLED) && pausedAt != null;
    }

    /**
     * Since when the rule, as it stands at {@code now}, holds its occurrences back: the start of a pause
     * in force (until its {@code resumeAfter}, if it has one) or of a disable. Null while the rule runs,
     * once a pause has lapsed, and for a deleted rule, whose occurrences are gone rather than held back.
     */
    public @Nullable Instant heldBackSince(Instant now) {
        return isPausedAt(now) || isDisabled() ? pausedAt : null;
    }

    public boolean isPausedAt(Instant now) {
        return status.equals(PAUSED) && (resumeAfter == null || now.isBefore(resumeAfter));
    }

    private static Rule withLifecycle(@Nullable Rule before, String id, String status, @Nullable Instant pausedAt,
                                      @Nullable String pausedBy, @Nullable Instant resumeAfter, @Nullable String pauseReason,
                                      long version) {
        if (before == null) {
            return new Rule(id, null, null, null, null, null, null, 0, null, null, null, null, null, status, null, null,
                    pausedAt, pausedBy, resumeAfter, pauseReason, version, SeriesExceptions.NONE, RuleHistory.EMPTY);
        }
        return new Rule(id, before.name, before.cron, before.cronDialect, before.rrule, before.timezone, before.calendarId, before.durationSeconds,
                before.activeFrom, before.dstPolicy, before.jobTemplate, before.options, before.metadata, status,
                before.createdAt, before.createdBy, pausedAt, pausedBy, resumeAfter, pauseReason, version, before.exceptions,
                before.history);
    }

    /** The rule with its series' exceptions changed by an event at {@code version}; everything else stays. */
    private static Rule withExceptions(@Nullable Rule before, String id, UnaryOperator<SeriesExceptions> change, long version) {
        Rule rule = before == null ? withLifecycle(null, id, ACTIVE, null, null, null, null, version) : before;
        return new Rule(rule.id, rule.name, rule.cron, rule.cronDialect, rule.rrule, rule.timezone, rule.calendarId, rule.durationSeconds,
                rule.activeFrom, rule.dstPolicy, rule.jobTemplate, rule.options, rule.metadata, rule.status, rule.createdAt,
                rule.createdBy, rule.pausedAt, rule.pausedBy, rule.resumeAfter, rule.pauseReason, version,
                change.apply(rule.exceptions), rule.history);
    }
}
