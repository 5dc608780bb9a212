package dev.almanac.conflicts.lifecycle;

import static dev.almanac.conflicts.testing.Entries.item;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.almanac.conflicts.command.CommandOutcome;
import dev.almanac.conflicts.command.ConflictCommand;
import dev.almanac.conflicts.detection.CalendarProfile;
import dev.almanac.conflicts.detection.CapacityBreaches;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictDismissed;
import dev.almanac.events.conflict.ConflictEscalated;
import dev.almanac.events.conflict.ConflictResolved;
import dev.almanac.events.conflict.ConflictStatus;
import dev.almanac.events.conflict.ResolutionMethod;

/** The lifecycle's state machine: every command from every status, and the version guard. */
class ConflictTransitionsTest {

    private static final CalendarProfile BALLROOM = new CalendarProfile(CalendarId.of("cal-ballroom"), CalendarType.VENUE, 1);
    private static final ConflictDetected DETECTED = BALLROOM.describe(CapacityBreaches.find(BALLROOM.id(), 1,
            List.of(item("review", "15:00", "16:00"), item("gala", "15:30", "18:00"))).get(0));
    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

    @Test
    void resolvingADetectedConflictPublishesTheMethodActorNoteAndTime() {
        ConflictTransitions.Decision decision = ConflictTransitions.decide(conflict(ConflictStatus.DETECTED, 3),
                resolve(3, ResolutionMethod.RESCHEDULED, "moved the review"));

        assertThat(decision).isEqualTo(new ConflictTransitions.Applied(new ConflictChange.Transition(
                new ConflictResolved(DETECTED.conflictId(), BALLROOM.id(), ResolutionMethod.RESCHEDULED, "planner", "moved the review", NOW),
                ConflictStatus.RESOLVED, 4)));
    }

    @Test
    void escalatingADetectedConflictHandsItToSomeoneWithTheReason() {
        ConflictTransitions.Decision decision = ConflictTransitions.decide(conflict(ConflictStatus.DETECTED, 0),
                command(ConflictCommand.Kind.ESCALATE, 0, null, null, "venue-managers", "both confirmed"));

        assertThat(decision).isEqualTo(new ConflictTransitions.Applied(new ConflictChange.Transition(
                new ConflictEscalated(DETECTED.conflictId(), BALLROOM.id(), "venue-managers", "both confirmed", "planner", NOW, false),
                ConflictStatus.ESCALATED, 1)));
    }

    @Test
    void anEscalatedConflictCanBeResolvedOrDismissedButNotEscalatedAgain() {
        StoredConflict escalated = conflict(ConflictStatus.ESCALATED, 1);

        assertThat(ConflictTransitions.decide(escalated, resolve(1, ResolutionMethod.SPLIT, null)))
                .isInstanceOfSatisfying(ConflictTransitions.Applied.class,
                        applied -> assertThat(applied.change().status()).isEqualTo(ConflictStatus.RESOLVED));
        assertThat(ConflictTransitions.decide(escalated, command(ConflictCommand.Kind.DISMISS, 1, null, null, null, "fine")))
                .isInstanceOfSatisfying(ConflictTransitions.Applied.class, applied -> {
                    assertThat(applied.change().status()).isEqualTo(ConflictStatus.DISMISSED);
                    assertThat(applied.change().event()).isEqualTo(
                            new ConflictDismissed(DETECTED.conflictId(), BALLROOM.id(), "planner", "fine", NOW));
                });
        assertThat(ConflictTransitions.decide(escalated, command(ConflictCommand.Kind.ESCALATE, 1, null, null, "ceo", "again")))
                .isEqualTo(new ConflictTransitions.Refused(CommandOutcome.Result.INVALID_TRANSITION, "escalated",
                        "conflict " + DETECTED.conflictId() + " is escalated; only a conflict that is detected can be escalated"));
    }

    @ParameterizedTest
    @EnumSource(value = ConflictStatus.class, names = {"RESOLVED", "DISMISSED", "CLEARED"})
    void aClosedConflictTakesNoCommandAndTheRefusalNamesItsStatus(ConflictStatus closed) {
        StoredConflict conflict = conflict(closed, 2);

        for (ConflictCommand.Kind kind : ConflictCommand.Kind.values()) {
            ConflictTransitions.Decision decision = ConflictTransitions.decide(conflict,
                    command(kind, 2, ResolutionMethod.RESCHEDULED, null, "someone", "why"));

            assertThat(decision).as("%s of a %s conflict", kind, closed)
                    .isInstanceOfSatisfying(ConflictTransitions.Refused.class, refused -> {
                        assertThat(refused.result()).isEqualTo(CommandOutcome.Result.INVALID_TRANSITION);
                        assertThat(refused.rule()).isEqualTo(closed.name().toLowerCase());
                    });
        }
    }

    @Test
    void theVersionIsCheckedFirstSoOfTwoCommandsOnTheSameVersionOnlyTheFirstApplies() {
        StoredConflict before = conflict(ConflictStatus.DETECTED, 5);
        ConflictCommand resolve = resolve(5, ResolutionMethod.RESCHEDULED, null);
        ConflictCommand dismiss = command(ConflictCommand.Kind.DISMISS, 5, null, null, null, "accepted");

        ConflictTransitions.Applied first = (ConflictTransitions.Applied) ConflictTransitions.decide(before, resolve);
        StoredConflict after = before.withStatus(first.change().status(), first.change().version());

        assertThat(ConflictTransitions.decide(after, dismiss)).isEqualTo(new ConflictTransitions.Refused(
                CommandOutcome.Result.STALE_VERSION, "current_version",
                "conflict " + DETECTED.conflictId() + " is at version 6, not 5; read it again and retry"));
        assertThat(ConflictTransitions.decide(after, resolve)).isInstanceOfSatisfying(ConflictTransitions.Refused.class,
                refused -> assertThat(refused.result()).isEqualTo(CommandOutcome.Result.STALE_VERSION));
    }

    private static StoredConflict conflict(ConflictStatus status, long version) {
        Presence presence = status == ConflictStatus.CLEARED ? Presence.CLEARED : Presence.ACTIVE;
        return new StoredConflict(DETECTED, presence, version, status, null);
    }

    private static ConflictCommand resolve(long version, ResolutionMethod method, String note) {
        return command(ConflictCommand.Kind.RESOLVE, version, method, note, null, null);
    }

    private static ConflictCommand command(ConflictCommand.Kind kind, long version, ResolutionMethod method, String note,
                                           String escalateTo, String reason) {
        return new ConflictCommand("cmd-1", DETECTED.conflictId().value(), kind, version, method, note, escalateTo, reason, "planner",
                NOW, null);
    }
}
