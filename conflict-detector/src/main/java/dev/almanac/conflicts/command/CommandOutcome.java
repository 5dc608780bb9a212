package dev.almanac.conflicts.command;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.conflict.ConflictStatus;

/**
 * What one partition's task made of a command. The command goes to every partition, because a
 * conflict id does not tell which calendar, and so which partition, holds it: the task holding it
 * answers {@link Result#APPLIED} or a refusal, every other task {@link Result#NOT_HERE}.
 *
 * @param status   the conflict's status after the command (applied) or as it stands (refused)
 * @param version  the conflict's version after the command (applied) or as it stands (refused)
 * @param rule     why it was refused: the status that forbids the transition, or {@code current_version}
 */
public record CommandOutcome(
        String commandId,
        int partition,
        Result result,
        @Nullable String conflictId,
        @Nullable String calendarId,
        @Nullable ConflictStatus status,
        long version,
        @Nullable Instant at,
        @Nullable String rule,
        @Nullable String message,
        @Nullable Rescan rescan) {

    public enum Result {
        APPLIED,
        /** 409: the conflict's status does not allow the transition. */
        INVALID_TRANSITION,
        /** 412: the conflict is no longer at the expected version. */
        STALE_VERSION,
        /** 403: the actor is not a manager of the conflict's calendar (ADR 0027). */
        FORBIDDEN,
        NOT_HERE,
        /** A partition's part of a re-scan. */
        RESCANNED,
        /** Handling the command failed, a fault on our side; the command went to the dead-letter topic, and nothing changed. */
        FAILED
    }

    /**
     * What a partition's re-scan found.
     *
     * @param resources the resources it scanned (absent, 0, in outcomes written before resources had conflicts)
     * @param holding   the conflicts that hold after it, on the calendars, resources and linked pairs it scanned
     * @param detected  {@code ConflictDetected} events it published: conflicts the live state had missed or got wrong
     * @param cleared   {@code ConflictCleared} events it published: conflicts the live state held that no longer hold
     * @param links     the linked pairs it compared (absent, 0, in outcomes written before orphaned links)
     */
    public record Rescan(int calendars, int resources, int holding, int detected, int cleared, int links) {

        /** A re-scan that compared no linked pairs. */
        public Rescan(int calendars, int resources, int holding, int detected, int cleared) {
            this(calendars, resources, holding, detected, cleared, 0);
        }

        public Rescan plus(Rescan other) {
            return new Rescan(calendars + other.calendars, resources + other.resources, holding + other.holding,
                    detected + other.detected, cleared + other.cleared, links + other.links);
        }
    }

    public static CommandOutcome notHere(String commandId, int partition) {
        return new CommandOutcome(commandId, partition, Result.NOT_HERE, null, null, null, -1, null, null, null, null);
    }

    public static CommandOutcome failed(String commandId, int partition, String message) {
        return new CommandOutcome(commandId, partition, Result.FAILED, null, null, null, -1, null, null, message, null);
    }

    public static CommandOutcome rescanned(String commandId, int partition, Rescan rescan) {
        return new CommandOutcome(commandId, partition, Result.RESCANNED, null, null, null, -1, null, null, null, rescan);
    }
}
