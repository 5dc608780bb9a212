package dev.almanac.query.availability;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.TimeRange;
import dev.almanac.query.web.QueryParameters;

/**
 * A free-slots read of a calendar or a resource: candidate starts every {@code increment} on a wall clock, counted from
 * local midnight, each {@code length} long, wholly inside {@code asked}, free when nothing blocks
 * {@code [start - buffer, end + buffer)}.
 *
 * @param zone the wall clock the request names; null for the calendar's or resource's own
 */
record SlotRequest(TimeRange asked, Duration length, Duration increment, Duration buffer, @Nullable ZoneId zone) {

    /**
     * The request's parameters, each checked and reported to {@code parameters}: range, increment (SCH-034: default
     * 30m), duration (default the increment), buffer (SCH-032: default 15m) and time zone. Null when one is invalid.
     */
    private static @Nullable SlotRequest read(QueryParameters parameters, String from, String till, @Nullable String duration,
                                              @Nullable String increment, @Nullable String buffer, @Nullable String timezone) {
        TimeRange range = AvailabilityRequests.range(parameters, "from", from, "till", till);
        Duration step = Durations.read(parameters, "increment", increment, AvailabilityRequests.INCREMENT,
                AvailabilityRequests.DEFAULT_INCREMENT);
        Duration length = Durations.read(parameters, "duration", duration, AvailabilityRequests.DURATION, step);
        Duration margin = Durations.read(parameters, "buffer", buffer, AvailabilityRequests.BUFFER, AvailabilityRequests.DEFAULT_BUFFER);
        ZoneId zone = parameters.zone("timezone", timezone, ZoneOffset.UTC);
        boolean ownZone = timezone == null || timezone.isBlank();
        if (range == null || length == null || step == null || margin == null) {
            return null;
        }
        return new SlotRequest(range, length, step, margin, ownZone ? null : zone);
    }

    /**
     * The free-slots read of the calendar or resource {@code id}: the id and every parameter checked as {@link #read} checks
     * them, or a 400 problem naming each one invalid.
     */
    static SlotRequest require(String id, String from, String till, @Nullable String duration, @Nullable String increment,
                               @Nullable String buffer, @Nullable String timezone) {
        QueryParameters parameters = new QueryParameters();
        parameters.requiredIdentifier("id", id);
        SlotRequest read = read(parameters, from, till, duration, increment, buffer, timezone);
        parameters.throwIfInvalid();
        return Objects.requireNonNull(read);
    }

    /** What must be clear for the range to be free: {@code asked} widened by the buffer on both sides (SCH-032). */
    TimeRange checked() {
        return AvailabilityRequests.widened(asked, buffer);
    }

    /** The wall clock the slots are laid out on: the request's, or else {@code own}. */
    ZoneId clock(ZoneId own) {
        return zone != null ? zone : own;
    }

    /** The free slots on {@code clock} around what {@code blocked} holds. */
    FreeSlotList freeSlots(ZoneId clock, List<TimeRange> blocked) {
        return freeSlots(clock, candidateStarts(clock), blocked);
    }

    /** The free slots on {@code clock} from {@code candidates}, its candidate starts, which a batch shares between those on one clock. */
    FreeSlotList freeSlots(ZoneId clock, long[] candidates, List<TimeRange> blocked) {
        return new SlotGrid(clock, increment, length).freeSlots(candidates, buffer, blocked);
    }

    /** The candidate starts on {@code clock}. */
    long[] candidateStarts(ZoneId clock) {
        return new SlotGrid(clock, increment, length).candidateStarts(asked);
    }
}
