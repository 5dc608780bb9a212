package dev.almanac.recurrence.timeline;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.almanac.recurrence.Occurrence;

/**
 * The steps of a timeline applied, in order, to one recurrence id: what rule-expander has published
 * for that occurrence after each of them, had its horizon reached every occurrence. Each step acts
 * as its rule-expander counterpart does (named below), on the occurrence as the step's definition
 * gives it. The definitions' occurrences at this recurrence id are looked up once each.
 */
final class OccurrenceFold {

    private final List<TimelineDefinition> definitions;
    private final Instant recurrenceId;
    private final @Nullable Occurrence[] found;
    private final boolean[] looked;

    OccurrenceFold(List<TimelineDefinition> definitions, Instant recurrenceId) {
        this.definitions = definitions;
        this.recurrenceId = recurrenceId;
        this.found = new Occurrence[definitions.size()];
        this.looked = new boolean[definitions.size()];
    }

    /** Tells the fold what {@code definition} gives at this recurrence id, already known from an expansion. */
    OccurrenceFold knowing(int definition, Occurrence occurrence) {
        found[definition] = occurrence;
        looked[definition] = true;
        return this;
    }

    /** What the steps leave of an occurrence with no exception of its own: the moves and cancellations in them are of others. */
    OccurrenceState standing(List<Step> steps) {
        OccurrenceState state = OccurrenceState.NONE;
        for (Step step : steps) {
            state = apply(state, step);
        }
        return state;
    }

    /** The state after {@code step}; a move or cancellation of another recurrence id changes nothing. */
    OccurrenceState apply(OccurrenceState state, Step step) {
        if (step instanceof Step.Created) {
            return fromActiveFrom() && produced(0, state) != null ? state.publishing(0, null) : state;
        } else if (step instanceof Step.Revised revised) {
            return revised(state, revised);
        } else if (step instanceof Step.Replaced) {
            return state;
        } else if (step instanceof Step.Withdrawn withdrawn) {
            return withdrawn(state, withdrawn);
        } else if (step instanceof Step.Restored restored) {
            return restored(state, restored);
        } else if (step instanceof Step.Ended ended) {
            return ended(state, ended);
        } else if (step instanceof Step.Moved moved) {
            return moved.recurrenceId().equals(recurrenceId) ? moved(state, moved) : state;
        } else if (step instanceof Step.Cancelled cancelled) {
            return cancelled.recurrenceId().equals(recurrenceId) ? cancelled(state, cancelled) : state;
        }
        throw new IllegalArgumentException("no fold for " + step);
    }

    /** What the state's record is: the occurrence where the series or a move put it, with its definition; null when withdrawn. */
    @Nullable TimelineOccurrence occurrence(OccurrenceState state) {
        if (state.record() == OccurrenceState.WITHDRAWN) {
            return null;
        }
        Occurrence inSeries = at(state.record());
        if (inSeries == null) {
            throw new IllegalStateException("definition " + state.record() + " was published without an occurrence at " + recurrenceId);
        }
        TimelineDefinition definition = definitions.get(state.record());
        Instant movedTo = state.recordMovedTo();
        return movedTo == null ? new TimelineOccurrence(inSeries, definition, null, null)
                : new TimelineOccurrence(inSeries.movedTo(movedTo), definition, inSeries.start(), null);
    }

    /**
     * {@code Reviser}: an occurrence in the series is published with the new definition if that starts
     * it at or after the revision's start, else withdrawn if the replaced one did
     * ({@code MaterialisationPlanner.revisionPage}); a moved one from the revision's start on is
     * published again with the new definition, or withdrawn if that no longer produces its recurrence
     * ({@code movedRevision}).
     */
    private OccurrenceState revised(OccurrenceState state, Step.Revised revised) {
        int definition = revised.definition();
        Occurrence now = produced(definition, state);
        Occurrence before = produced(definition - 1, state);
        return switch (state.mode()) {
            case STANDING -> {
                if (!fromActiveFrom()) {
                    yield state;
                }
                if (now != null && !now.start().isBefore(revised.from())) {
                    yield state.publishing(definition, null);
                }
                yield before != null && !before.start().isBefore(revised.from()) ? state.withdrawing() : state;
            }
            case MOVED -> {
                Instant movedTo = state.movedStart();
                if (movedTo.isBefore(revised.from()) || now == null && before == null) {
                    yield state;
                }
                if (now == null) {
                    yield state.withdrawing();
                }
                yield revised.lifecycle().runsAt(movedTo) ? state.publishing(definition, movedTo) : state;
            }
            case CANCELLED -> state;
        };
    }

    /** {@code Retractor}: what starts in the window is withdrawn, in the series or moved ({@code retractionPage}, {@code movedWithdrawn}). */
    private OccurrenceState withdrawn(OccurrenceState state, Step.Withdrawn withdrawn) {
        Occurrence occurrence = produced(withdrawn.definition(), state);
        if (occurrence == null) {
            return state;
        }
        Instant start = switch (state.mode()) {
            case STANDING -> fromActiveFrom() ? occurrence.start() : null;
            case MOVED -> state.movedStart();
            case CANCELLED -> null;
        };
        boolean inWindow = start != null && !start.isBefore(withdrawn.from())
                && (withdrawn.until() == null || start.isBefore(withdrawn.until()));
        return inWindow ? state.withdrawing() : state;
    }

    /** {@code forResumedRule}: what starts from the resume on is published again, in the series or moved. */
    private OccurrenceState restored(OccurrenceState state, Step.Restored restored) {
        int definition = restored.definition();
        Occurrence occurrence = produced(definition, state);
        if (occurrence == null) {
            return state;
        }
        return switch (state.mode()) {
            case STANDING -> fromActiveFrom() && !occurrence.start().isBefore(restored.from()) ? state.publishing(definition, null) : state;
            case MOVED -> !state.movedStart().isBefore(restored.from()) && restored.lifecycle().runsAt(state.movedStart())
                    ? state.publishing(definition, state.movedStart()) : state;
            case CANCELLED -> state;
        };
    }

    /**
     * {@code ExceptionPlanner.endPage}: the series as it stood before its end (with no end at all)
     * withdraws every occurrence, in the series or moved, resolving from the end on; from then on the
     * series has none there.
     */
    private OccurrenceState ended(OccurrenceState state, Step.Ended ended) {
        boolean withdraws = state.mode() != OccurrenceState.Mode.CANCELLED && !recurrenceId.isBefore(ended.endsAt())
                && at(ended.definition()) != null;
        return (withdraws ? state.withdrawing() : state).endingAt(ended.endsAt());
    }

    /** {@code ExceptionPlanner.moved}: the occurrence published where it now stands, if the rule runs there; a cancelled one stays so. */
    private OccurrenceState moved(OccurrenceState state, Step.Moved moved) {
        if (state.mode() == OccurrenceState.Mode.CANCELLED) {
            return state;
        }
        OccurrenceState placed = moved.start() == null ? state : state.movingTo(moved.start());
        if (placed.mode() != OccurrenceState.Mode.MOVED) {
            return placed;
        }
        return produced(moved.definition(), placed) != null && moved.lifecycle().runsAt(placed.movedStart())
                ? placed.publishing(moved.definition(), placed.movedStart()) : placed;
    }

    /** {@code ExceptionPlanner.withdrawn}: a cancelled occurrence the series produces is withdrawn, wherever it stood. */
    private OccurrenceState cancelled(OccurrenceState state, Step.Cancelled cancelled) {
        OccurrenceState after = state.cancelling();
        return produced(cancelled.definition(), state) != null ? after.withdrawing() : after;
    }

    /** The definition's occurrence at this recurrence id if its series, as it stands in {@code state}, has one: before the end. */
    private @Nullable Occurrence produced(int definition, OccurrenceState state) {
        Instant endsAt = state.endsAt();
        return endsAt != null && !recurrenceId.isBefore(endsAt) ? null : at(definition);
    }

    /** Every pass, page and resume starts at {@code active_from}: nothing resolving before it is ever published from the series. */
    private boolean fromActiveFrom() {
        return !recurrenceId.isBefore(definitions.get(0).activeFrom());
    }

    @Nullable Occurrence at(int definition) {
        if (!looked[definition]) {
            found[definition] = definitions.get(definition).at(recurrenceId);
            looked[definition] = true;
        }
        return found[definition];
    }
}
