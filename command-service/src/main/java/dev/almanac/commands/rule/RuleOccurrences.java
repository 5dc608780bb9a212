package dev.almanac.commands.rule;

import java.time.Duration;
import java.time.Instant;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.events.rule.RuleId;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.RecurrenceSpec;
import dev.almanac.recurrence.Series;
import dev.almanac.recurrence.SeriesExceptions;

/**
 * A rule's series as a command on one of its occurrences sees it: the occurrence that the command
 * names, found where the schedule and its exceptions put it, and whether it may still change.
 */
final class RuleOccurrences {

    /** How far ahead a moved, cancelled or split occurrence is looked for by its id: a year and a day, past the widest view. */
    static final Duration EXCEPTION_SEARCH = Duration.ofDays(366);
    /** The most occurrences one search by id looks at; a further one is named by its recurrence id instead. */
    static final int SEARCH_LIMIT = 100_000;

    private final RuleId ruleId;
    private final RecurrenceSpec spec;
    private final Instant activeFrom;
    private final SeriesExceptions exceptions;
    private final Series series;

    RuleOccurrences(RuleId ruleId, RecurrenceSpec spec, Instant activeFrom, SeriesExceptions exceptions) {
        this.ruleId = ruleId;
        this.spec = spec;
        this.activeFrom = activeFrom;
        this.exceptions = exceptions;
        this.series = new Series(spec, exceptions);
    }

    /** An occurrence named for an exception: by recurrence id, or by id among the next year's, from just before now (jitter). */
    Occurrence locateAhead(OccurrenceRef ref, Instant now) {
        return locate(ref, now.minusSeconds(spec.jitterSeconds()), now.plus(EXCEPTION_SEARCH));
    }

    /**
     * The series' occurrence the reference names, where the schedule puts it: by its recurrence id,
     * or by its id among those resolving in {@code [from, until)} and those with an exception.
     *
     * @throws CommandRejectedException 404: {@code produced} for an instant the series has no occurrence at,
     *     {@code exists} for an id not found
     */
    Occurrence locate(OccurrenceRef ref, Instant from, Instant until) {
        if (ref.recurrenceId() != null) {
            return series.occurrenceAt(ref.recurrenceId())
                    .filter(occurrence -> !occurrence.resolvedInstant().isBefore(activeFrom))
                    .orElseThrow(() -> new CommandRejectedException(CommandRejectedException.Reason.NOT_FOUND, "occurrence_id",
                            "produced", "rule " + ruleId + " has no occurrence at " + ref.recurrenceId()
                            + ": its schedule does not resolve to that instant from " + activeFrom
                            + (exceptions.endsAt() == null ? "" : " until its series ends at " + exceptions.endsAt())));
        }
        Instant searchedFrom = from.isBefore(activeFrom) ? activeFrom : from;
        return series.find(ref.id(), searchedFrom, until.isAfter(searchedFrom) ? until : searchedFrom, SEARCH_LIMIT)
                .filter(occurrence -> !occurrence.resolvedInstant().isBefore(activeFrom))
                .orElseThrow(() -> new CommandRejectedException(CommandRejectedException.Reason.NOT_FOUND, "occurrence_id", "exists",
                        "rule " + ruleId + " has no occurrence " + ref.id() + " resolving between " + searchedFrom + " and " + until
                                + " (nor among its first " + SEARCH_LIMIT + " there); name an occurrence further away by its "
                                + "resolved_at instant"));
    }

    /** Where the occurrence stands now: moved, or where the schedule put it. */
    Occurrence standing(Occurrence occurrence) {
        return series.standing(occurrence.resolvedInstant()).orElse(occurrence);
    }

    void rejectIfCancelled(Occurrence occurrence) {
        if (exceptions.cancelled().contains(occurrence.resolvedInstant())) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "occurrence_id", "cancelled",
                    "occurrence " + occurrence.id() + " of rule " + ruleId + " is cancelled, and stays so");
        }
    }

    /** An occurrence that has started, where it stands now (moved or not), can no longer be changed, only decided once missed. */
    void rejectIfStarted(Occurrence occurrence, Instant now) {
        Occurrence standing = standing(occurrence);
        if (!standing.start().isAfter(now)) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "occurrence_id", "started",
                    "occurrence " + occurrence.id() + " of rule " + ruleId + " started at " + standing.start()
                            + "; a missed one is decided with POST .../occurrences/{occurrenceId}/missed");
        }
    }
}
