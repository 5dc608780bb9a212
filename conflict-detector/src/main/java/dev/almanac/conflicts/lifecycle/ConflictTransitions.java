package dev.almanac.conflicts.lifecycle;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import dev.almanac.conflicts.command.CommandOutcome;
import dev.almanac.conflicts.command.ConflictCommand;
import dev.almanac.events.conflict.ConflictDismissed;
import dev.almanac.events.conflict.ConflictEscalated;
import dev.almanac.events.conflict.ConflictEvent;
import dev.almanac.events.conflict.ConflictResolved;
import dev.almanac.events.conflict.ConflictStatus;

/**
 * The lifecycle's state machine: which command a conflict takes in which status, and the event it
 * then publishes. Pure: the stored conflict and the command decide, so a command handled again
 * decides the same way.
 * <pre>
 * detected --escalate--&gt; escalated
 * detected, escalated --resolve--&gt; resolved
 * detected, escalated --dismiss--&gt; dismissed
 * resolved, dismissed, cleared: no transition (409, rule = the status)
 * escalated --escalate--&gt; refused (409, rule escalated)
 * </pre>
 * The version comes first: a command that names another version than the conflict's is refused
 * with 412 whatever it asks, so of two commands sent for the same version exactly one applies.
 */
public final class ConflictTransitions {

    private static final Set<ConflictStatus> RESOLVABLE = EnumSet.of(ConflictStatus.DETECTED, ConflictStatus.ESCALATED);
    private static final Set<ConflictStatus> ESCALATABLE = EnumSet.of(ConflictStatus.DETECTED);

    private ConflictTransitions() {
    }

    /** What the command does to the conflict. */
    public sealed interface Decision {
    }

    public record Applied(ConflictChange.Transition change) implements Decision {
    }

    public record Refused(CommandOutcome.Result result, String rule, String message) implements Decision {
    }

    public static Decision decide(StoredConflict conflict, ConflictCommand command) {
        if (conflict.version() != command.expectedVersion()) {
            return new Refused(CommandOutcome.Result.STALE_VERSION, "current_version", "conflict " + conflict.id()
                    + " is at version " + conflict.version() + ", not " + command.expectedVersion() + "; read it again and retry");
        }
        Set<ConflictStatus> from = command.kind() == ConflictCommand.Kind.ESCALATE ? ESCALATABLE : RESOLVABLE;
        if (!from.contains(conflict.status())) {
            String status = conflict.status().name().toLowerCase(Locale.ROOT);
            return new Refused(CommandOutcome.Result.INVALID_TRANSITION, status, "conflict " + conflict.id() + " is " + status
                    + "; only a conflict that is " + names(from) + " can be " + past(command.kind()));
        }
        long version = conflict.version() + 1;
        ConflictEvent event = switch (command.kind()) {
            case RESOLVE -> new ConflictResolved(conflict.id(), conflict.lastDetected().calendarId(), required(command.method(), "method"),
                    command.actor(), command.note(), command.requestedAt());
            case ESCALATE -> new ConflictEscalated(conflict.id(), conflict.lastDetected().calendarId(),
                    required(command.escalateTo(), "escalate_to"), required(command.reason(), "reason"), command.actor(),
                    command.requestedAt(), false);
            case DISMISS -> new ConflictDismissed(conflict.id(), conflict.lastDetected().calendarId(), command.actor(),
                    required(command.reason(), "reason"), command.requestedAt());
            case DETECT -> throw new IllegalArgumentException("a re-scan moves no conflict on");
        };
        return new Applied(new ConflictChange.Transition(event, statusAfter(command.kind()), version));
    }

    private static ConflictStatus statusAfter(ConflictCommand.Kind kind) {
        return switch (kind) {
            case RESOLVE -> ConflictStatus.RESOLVED;
            case ESCALATE -> ConflictStatus.ESCALATED;
            case DISMISS -> ConflictStatus.DISMISSED;
            case DETECT -> throw new IllegalArgumentException("a re-scan moves no conflict on");
        };
    }

    private static String past(ConflictCommand.Kind kind) {
        return switch (kind) {
            case RESOLVE -> "resolved";
            case ESCALATE -> "escalated";
            case DISMISS -> "dismissed";
            case DETECT -> "detected afresh";
        };
    }

    private static String names(Set<ConflictStatus> statuses) {
        return String.join(" or ", statuses.stream().map(status -> status.name().toLowerCase(Locale.ROOT)).toList());
    }

    /** The HTTP layer checks these before it sends the command; a command without them is a bug, not a refusal. */
    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("the command has no " + field);
        }
        return value;
    }
}
