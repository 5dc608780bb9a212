package dev.almanac.query.conflict;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.EntryKind;
import dev.almanac.events.calendar.ResourceType;
import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictDismissed;
import dev.almanac.events.conflict.ConflictEntryKind;
import dev.almanac.events.conflict.ConflictEscalated;
import dev.almanac.events.conflict.ConflictLevel;
import dev.almanac.events.conflict.ConflictResolved;
import dev.almanac.events.conflict.ConflictStatus;
import dev.almanac.events.conflict.ConflictType;
import dev.almanac.events.conflict.LinkProblem;
import dev.almanac.events.conflict.ResolutionMethod;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.schedule.ResourceRole;
import dev.almanac.query.access.CalendarVisibility;
import dev.almanac.query.entry.BusyBlock;
import dev.almanac.query.readmodel.Versioned;

/**
 * A conflict: more entries than the calendar's capacity overlap during {@code [start, end)}, or 80 %
 * of it or more (a capacity warning), or, with a resource, the resource is booked twice at once or
 * while it is unavailable, or, with a link, a follower no longer moves with its primary (an orphaned link); and where it stands in its lifecycle (SCH-LIFECYCLE's ConflictStatus, folded from the events as
 * {@link ConflictStatus} describes). The detection fields are absent only if a later event was
 * projected before its detection. Each transition keeps what its event does not mention; times
 * come from the events, never from the clock, so a replay computes the same state.
 */
@Schema(name = "Conflict")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConflictView(
        String id,
        String calendarId,
        ConflictStatus status,
        @Nullable ConflictType type,
        @Nullable ConflictLevel level,
        @Schema(description = "Start of the overlap") @Nullable Instant start,
        @Schema(description = "End of the overlap, exclusive") @Nullable Instant end,
        @Schema(description = "The calendar's capacity when the conflict was computed") @Nullable Integer capacity,
        @Schema(description = "How many entries overlap at the worst instant") @Nullable Integer peakConcurrency,
        List<Entry> entries,
        @Schema(description = "The resource double-booked or booked while unavailable; absent for a conflict on a calendar",
                example = "res-ballroom") @Nullable String resourceId,
        @Schema(description = "The resource's type, which names the conflict's type and level") @Nullable ResourceType resourceType,
        @Schema(description = "For a resource conflict, how each item or occurrence books the resource: its calendar and role")
        List<Booking> bookings,
        @Schema(description = "For an orphaned link, the pair: the primary and its follower, their calendars, the offset and "
                + "what is wrong; absent for every other conflict") @Nullable Link link,
        @Schema(description = "When the conflict was first detected") @Nullable Instant detectedAt,
        @Schema(description = "When its clash stopped holding; a resolved or dismissed conflict keeps its status") @Nullable Instant clearedAt,
        @Nullable String clearedReason,
        @Nullable Escalation escalation,
        @Nullable Resolution resolution,
        @Nullable Dismissal dismissal,
        @Schema(description = "Aggregate version of the conflict; also the ETag, and the If-Match of its next command") long version)
        implements Versioned {

    public ConflictView {
        entries = List.copyOf(entries);
        bookings = List.copyOf(bookings);
    }

    /**
     * An entry taking part in the conflict, as it stood when the conflict was computed: an item, an
     * occurrence, or a range during which the conflict's resource is unavailable (its id the range's
     * start, its title the reason).
     */
    @Schema(name = "ConflictEntry")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(ConflictEntryKind kind, String entryId, String title, Instant start, Instant end,
                        @Schema(description = "Present when the entry is shown as a busy block (ADR 0096): a private entry to "
                                + "all but its owner, its calendar's managers and the admins; its title is then empty")
                        @Nullable BusyBlock busy) {

        /** An entry as the conflict's detection gave it, shown whole. */
        public Entry(ConflictEntryKind kind, String entryId, String title, Instant start, Instant end) {
            this(kind, entryId, title, start, end, null);
        }

        /** This entry as a busy block: its id, kind and times, and why. */
        Entry asBusyBlock(BusyBlock why) {
            return new Entry(kind, entryId, "", start, end, why);
        }
    }

    /** The conflict with {@code shown} for its entries, as one caller is shown them. */
    ConflictView withEntries(List<Entry> shown) {
        return new ConflictView(id, calendarId, status, type, level, start, end, capacity, peakConcurrency, shown, resourceId,
                resourceType, bookings, link, detectedAt, clearedAt, clearedReason, escalation, resolution, dismissal, version);
    }

    /** How an item or occurrence of a resource conflict books the resource. */
    @Schema(name = "ConflictBooking")
    public record Booking(EntryKind kind, String entryId, String calendarId, ResourceRole role) {
    }

    /**
     * A linked pair whose follower no longer moves with its primary (ADR 0061): {@code offsetSeconds} is the
     * follower's start minus the primary's, as the link fixes it.
     */
    @Schema(name = "ConflictLink")
    public record Link(String primaryId, String primaryCalendarId, String followerId, String followerCalendarId, long offsetSeconds,
                       LinkProblem problem) {
    }

    /**
     * The calendars the conflict concerns: its own, for a resource conflict that of every booking, and for an
     * orphaned link the follower's.
     */
    public List<String> calendars() {
        List<String> calendars = new ArrayList<>();
        calendars.add(calendarId);
        bookings.stream().map(Booking::calendarId).filter(calendar -> !calendars.contains(calendar)).forEach(calendars::add);
        if (link != null && !calendars.contains(link.followerCalendarId())) {
            calendars.add(link.followerCalendarId());
        }
        return calendars;
    }

    /**
     * The calendar {@code entry} is on: for an item of a resource conflict its booking's, for an orphaned link's
     * follower the follower's, else the conflict's own; null for a range the resource is unavailable, which is the
     * resource's.
     */
    public @Nullable String calendarOf(Entry entry) {
        if (entry.kind() == ConflictEntryKind.UNAVAILABILITY) {
            return null;
        }
        if (link != null && link.followerId().equals(entry.entryId())) {
            return link.followerCalendarId();
        }
        return bookings.stream().filter(booking -> booking.entryId().equals(entry.entryId())).map(Booking::calendarId)
                .findFirst().orElse(calendarId);
    }

    /**
     * Whether a caller with {@code visibility} sees the conflict: when they may read its own calendar. A conflict keyed by a
     * calendar hidden from them is not shown even where it concerns a booking of theirs: its id and calendar id are that
     * calendar's (ADR 0086).
     */
    public boolean shownIn(CalendarVisibility visibility) {
        return visibility.showsEveryCalendar() || visibility.shows(calendarId);
    }

    /**
     * The conflict as a caller with {@code visibility} sees it. What lies on a calendar hidden from them is left out:
     * its entries and bookings, the cleared reason (which may name them), a link with a side there (its ids name the
     * hidden item and calendar) and, when the conflict's own calendar is hidden, the escalation, resolution and
     * dismissal its managers recorded. The clash itself (times, counts, status, the resource) stays, since it concerns a
     * booking of theirs. No id of a hidden calendar's is shown but the conflict's own calendar id (ADR 0086).
     */
    public ConflictView seenIn(CalendarVisibility visibility) {
        if (visibility.showsEveryCalendar() || calendars().stream().allMatch(visibility::shows)) {
            return this;
        }
        boolean ownShown = visibility.shows(calendarId);
        List<Entry> shownEntries = entries.stream().filter(entry -> {
            String calendar = calendarOf(entry);
            return calendar == null || visibility.shows(calendar);
        }).toList();
        List<Booking> shownBookings = bookings.stream().filter(booking -> visibility.shows(booking.calendarId())).toList();
        Link shownLink = link == null || visibility.shows(link.primaryCalendarId()) && visibility.shows(link.followerCalendarId())
                ? link : null;
        return new ConflictView(id, calendarId, status, type, level, start, end, capacity, peakConcurrency, shownEntries, resourceId,
                resourceType, shownBookings, shownLink, detectedAt, clearedAt, null, ownShown ? escalation : null,
                ownShown ? resolution : null, ownShown ? dismissal : null, version);
    }

    /** To whom and why the conflict was escalated; {@code automatic}: by conflict-detector after 24 hours (SCH-015). */
    @Schema(name = "ConflictEscalation")
    public record Escalation(String to, String reason, String by, Instant at, boolean automatic) {
    }

    @Schema(name = "ConflictResolution")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Resolution(ResolutionMethod method, String by, @Nullable String note, Instant at) {
    }

    @Schema(name = "ConflictDismissal")
    public record Dismissal(String by, String reason, Instant at) {
    }

    /** Whether its clash held when its last event was projected. */
    public boolean holds() {
        return clearedAt == null && status != ConflictStatus.CLEARED;
    }

    /**
     * A detection keeps the status, and what people did, while the clash held without a break; after
     * a break the conflict opens again as detected, without them.
     */
    public static ConflictView detected(@Nullable ConflictView before, ConflictDetected detected, EventMetadata envelope) {
        Instant firstDetected = before == null || before.detectedAt() == null ? envelope.time() : before.detectedAt();
        boolean held = before != null && before.holds();
        ConflictStatus status = ConflictStatus.afterDetection(before == null ? null : before.status(), held);
        return new ConflictView(detected.conflictId().value(), detected.calendarId().value(), status,
                detected.type(), detected.level(), detected.start(), detected.end(), detected.capacity(), detected.peakConcurrency(),
                detected.entries().stream()
                        .map(entry -> new Entry(entry.kind(), entry.entryId(), entry.title(), entry.start(), entry.end()))
                        .toList(),
                detected.resourceId() == null ? null : detected.resourceId().value(), detected.resourceType(),
                detected.bookings().stream()
                        .map(booking -> new Booking(booking.kind(), booking.entryId(), booking.calendarId().value(), booking.role()))
                        .toList(),
                detected.link() == null ? null : new Link(detected.link().primaryId().value(), detected.link().primaryCalendarId().value(),
                        detected.link().followerId().value(), detected.link().followerCalendarId().value(), detected.link().offsetSeconds(),
                        detected.link().problem()),
                firstDetected, null, null, held ? before.escalation() : null, held ? before.resolution() : null,
                held ? before.dismissal() : null, envelope.aggregateVersion());
    }

    public static ConflictView cleared(@Nullable ConflictView before, ConflictCleared cleared, EventMetadata envelope) {
        ConflictView base = orEmpty(before, cleared.conflictId().value(), cleared.calendarId().value());
        return new ConflictView(base.id(), base.calendarId(), ConflictStatus.afterClearance(before == null ? null : before.status()),
                base.type(), base.level(), base.start(), base.end(), base.capacity(), base.peakConcurrency(), base.entries(),
                base.resourceId(), base.resourceType(), base.bookings(), base.link(), base.detectedAt(), envelope.time(), cleared.reason(), base.escalation(), base.resolution(), base.dismissal(),
                envelope.aggregateVersion());
    }

    public static ConflictView escalated(@Nullable ConflictView before, ConflictEscalated escalated, EventMetadata envelope) {
        ConflictView base = orEmpty(before, escalated.conflictId().value(), escalated.calendarId().value());
        return base.moved(ConflictStatus.ESCALATED, new Escalation(escalated.escalatedTo(), escalated.reason(), escalated.escalatedBy(),
                escalated.escalatedAt(), escalated.automatic()), base.resolution(), base.dismissal(), envelope.aggregateVersion());
    }

    public static ConflictView resolved(@Nullable ConflictView before, ConflictResolved resolved, EventMetadata envelope) {
        ConflictView base = orEmpty(before, resolved.conflictId().value(), resolved.calendarId().value());
        return base.moved(ConflictStatus.RESOLVED, base.escalation(), new Resolution(resolved.method(), resolved.resolvedBy(),
                resolved.note(), resolved.resolvedAt()), base.dismissal(), envelope.aggregateVersion());
    }

    public static ConflictView dismissed(@Nullable ConflictView before, ConflictDismissed dismissed, EventMetadata envelope) {
        ConflictView base = orEmpty(before, dismissed.conflictId().value(), dismissed.calendarId().value());
        return base.moved(ConflictStatus.DISMISSED, base.escalation(), base.resolution(),
                new Dismissal(dismissed.dismissedBy(), dismissed.reason(), dismissed.dismissedAt()), envelope.aggregateVersion());
    }

    private ConflictView moved(ConflictStatus next, @Nullable Escalation escalation, @Nullable Resolution resolution,
                               @Nullable Dismissal dismissal, long nextVersion) {
        return new ConflictView(id, calendarId, next, type, level, start, end, capacity, peakConcurrency, entries, resourceId,
                resourceType, bookings, link, detectedAt, clearedAt, clearedReason, escalation, resolution, dismissal, nextVersion);
    }

    /** A lifecycle event projected before its detection starts from a conflict with nothing but its ids. */
    private static ConflictView orEmpty(@Nullable ConflictView before, String id, String calendarId) {
        return before != null ? before : new ConflictView(id, calendarId, ConflictStatus.DETECTED, null, null, null, null, null, null,
                List.of(), null, null, List.of(), null, null, null, null, null, null, null, -1);
    }
}
