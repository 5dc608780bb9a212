package dev.almanac.rules.rule;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleId;
import dev.almanac.recurrence.Series;
import dev.almanac.recurrence.SeriesExceptions;

/**
 * One rule as rule-expander stores it. {@code version} is the aggregate version of the last rule
 * event applied; {@code materialisedUntil} is the instant up to which (exclusive) every occurrence
 * has been published and acknowledged. A paused rule keeps when it was paused and, if given, when
 * it resumes by itself; a deleted one when it was deleted. {@code retractionPending} is true from
 * a pause or deletion until every occurrence it withdrew is retracted and acknowledged.
 * {@code replaced} is the definition an update replaced at {@code updatedAt}, kept from the update
 * until the difference between the two (retractions and new occurrences) is published and
 * acknowledged; null when no update is pending. {@code exceptions} are the series' moved and
 * cancelled occurrences and its end (ADR 0023), kept by recurrence id; {@code exceptionPending} is
 * true from an exception's or a missed-run decision's write until what it publishes is acknowledged.
 * {@code missedCheck} says how far its occurrences were checked for missed runs.
 */
public record StoredRule(
        RuleDefinition definition,
        long version,
        RuleStatus status,
        RuleOrigin origin,
        Instant materialisedUntil,
        @Nullable Instant pausedAt,
        @Nullable Instant resumeAfter,
        @Nullable Instant deletedAt,
        boolean retractionPending,
        @Nullable RuleDefinition replaced,
        @Nullable Instant updatedAt,
        SeriesExceptions exceptions,
        boolean exceptionPending,
        MissedCheck missedCheck) {

    /** An active rule with no lifecycle behind it, checked for missed runs from where it starts. */
    public StoredRule(RuleDefinition definition, long version, RuleStatus status, RuleOrigin origin, Instant materialisedUntil) {
        this(definition, version, status, origin, materialisedUntil, null, null, null, false, null, null, SeriesExceptions.NONE, false,
                MissedCheck.from(definition.activeFrom()));
    }

    /** The rule's series as it stands: its schedule with its exceptions. */
    public Series series() {
        return new Series(definition.spec(), exceptions);
    }

    /** The series the replaced definition gave, with the same exceptions; null when no update is pending. */
    public @Nullable Series replacedSeries() {
        return replaced == null ? null : new Series(replaced.spec(), exceptions);
    }

    /**
     * Whether the rule, as it stands, runs an occurrence starting at {@code start}: an active one
     * does; a paused one only from its {@code resume_after} on, as a pause's retraction leaves those
     * standing; a deleted one never.
     */
    public boolean runsAt(Instant start) {
        return switch (status) {
            case ACTIVE -> true;
            case PAUSED -> resumeAfter != null && !start.isBefore(resumeAfter);
            case DELETED -> false;
        };
    }

    /** Whether an update's difference is still to be published. */
    public boolean updatePending() {
        return replaced != null && updatedAt != null;
    }

    /** A rule just created: active, and nothing published yet, so materialised up to where it starts. */
    public static StoredRule created(RuleCreated rule, EventMetadata metadata) {
        RuleDefinition definition = RuleDefinition.of(rule);
        return new StoredRule(definition, metadata.aggregateVersion(), RuleStatus.ACTIVE, RuleOrigin.of(metadata),
                definition.activeFrom());
    }

    public RuleId ruleId() {
        return definition.ruleId();
    }
}
