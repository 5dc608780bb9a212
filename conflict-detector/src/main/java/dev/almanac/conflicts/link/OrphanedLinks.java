package dev.almanac.conflicts.link;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.Identifiers;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictEntryKind;
import dev.almanac.events.conflict.ConflictId;
import dev.almanac.events.conflict.ConflictLevel;
import dev.almanac.events.conflict.ConflictLink;
import dev.almanac.events.conflict.ConflictType;
import dev.almanac.events.conflict.ConflictingEntry;
import dev.almanac.events.conflict.LinkProblem;
import dev.almanac.events.schedule.ItemId;

/**
 * Whether a pair's two sides agree (LNK-ORPHAN: a follower moves and is cancelled with its primary, and
 * starts the link's offset after it), and the orphaned link they make when they do not. Pure: the pair
 * decides, so the same sides always give the same conflict, with an id derived from the pair.
 * <ul>
 *   <li>Neither side linked (never, or ended on both): nothing.</li>
 *   <li>One side linked and on its calendar, the other not linked or never heard of: the other is
 *       missing. A cancelled item's half of a link leaves nothing placed out of step: nothing.</li>
 *   <li>Both linked with different offsets: {@link LinkProblem#OFFSETS_DIFFER}.</li>
 *   <li>Both cancelled: the pair was cancelled together, nothing. One cancelled: the other is orphaned.</li>
 *   <li>Both placed: the follower must start exactly the offset after the primary, else
 *       {@link LinkProblem#OFFSET_BROKEN}.</li>
 * </ul>
 * Orphaned links are severe: LNK-ORPHAN treats one as a data-integrity incident to fix by hand, and
 * SCH-015 then escalates it after 24 hours like a critical conflict.
 */
public final class OrphanedLinks {

    public static final ConflictLevel LEVEL = ConflictLevel.SEVERE;

    private OrphanedLinks() {
    }

    public static ConflictId conflictId(ItemId primaryId, ItemId followerId) {
        return ConflictId.of(Identifiers.derive("orphaned-link", primaryId.value(), followerId.value()));
    }

    /** The problem with the pair, if its sides disagree. */
    public static Optional<LinkProblem> problem(LinkPair pair) {
        LinkSide primary = pair.primary();
        LinkSide follower = pair.follower();
        boolean primaryLinked = primary != null && primary.linked();
        boolean followerLinked = follower != null && follower.linked();
        if (!primaryLinked && !followerLinked) {
            return Optional.empty();
        }
        if (!followerLinked) {
            return primary.placed() ? Optional.of(LinkProblem.FOLLOWER_MISSING) : Optional.empty();
        }
        if (!primaryLinked) {
            return follower.placed() ? Optional.of(LinkProblem.PRIMARY_MISSING) : Optional.empty();
        }
        if (primary.offsetSeconds() != follower.offsetSeconds()) {
            return Optional.of(LinkProblem.OFFSETS_DIFFER);
        }
        if (!primary.placed()) {
            return follower.placed() ? Optional.of(LinkProblem.PRIMARY_CANCELLED) : Optional.empty();
        }
        if (!follower.placed()) {
            return Optional.of(LinkProblem.FOLLOWER_CANCELLED);
        }
        return follower.start().equals(primary.start().plusSeconds(primary.offsetSeconds()))
                ? Optional.empty()
                : Optional.of(LinkProblem.OFFSET_BROKEN);
    }

    /** The orphaned link the pair makes, if its sides disagree. */
    public static Optional<ConflictDetected> orphan(LinkPair pair) {
        return problem(pair).map(problem -> describe(pair, problem));
    }

    /**
     * The primary and the follower as entries, where they are or were; a side never heard of is put
     * where the other side's link puts it, untitled. The window spans both; the calendar is the primary's.
     */
    private static ConflictDetected describe(LinkPair pair, LinkProblem problem) {
        LinkSide primary = pair.primary();
        LinkSide follower = pair.follower();
        long offset = primary != null && primary.linked() ? primary.offsetSeconds() : Objects.requireNonNull(follower).offsetSeconds();
        TimeRange primaryTime = primary != null ? primary.time() : shifted(Objects.requireNonNull(follower).time(), -follower.offsetSeconds());
        TimeRange followerTime = follower != null ? follower.time() : shifted(Objects.requireNonNull(primary).time(), primary.offsetSeconds());
        CalendarId primaryCalendar = primary != null ? primary.calendarId() : calendarNamedBy(follower);
        CalendarId followerCalendar = follower != null ? follower.calendarId() : calendarNamedBy(primary);
        Instant start = min(primaryTime.start(), followerTime.start());
        Instant end = max(primaryTime.end(), followerTime.end());
        List<ConflictingEntry> entries = List.of(
                new ConflictingEntry(ConflictEntryKind.ITEM, pair.primaryId().value(), primary != null ? primary.title() : "",
                        primaryTime.start(), primaryTime.end()),
                new ConflictingEntry(ConflictEntryKind.ITEM, pair.followerId().value(), follower != null ? follower.title() : "",
                        followerTime.start(), followerTime.end()));
        return new ConflictDetected(conflictId(pair.primaryId(), pair.followerId()), primaryCalendar, ConflictType.ORPHANED_LINK, LEVEL,
                start, end, 1, 2, entries, null, null, List.of(),
                new ConflictLink(pair.primaryId(), primaryCalendar, pair.followerId(), followerCalendar, offset, problem));
    }

    /** Why an orphaned link no longer holds, for its clearance: the pair as it now stands. */
    public static String noLongerOrphaned(LinkPair pair) {
        LinkSide primary = pair.primary();
        LinkSide follower = pair.follower();
        String names = "primary " + pair.primaryId() + " and follower " + pair.followerId();
        if (primary == null || follower == null || !primary.linked() || !follower.linked()) {
            return names + " are no longer linked";
        }
        if (!primary.placed() || !follower.placed()) {
            return names + " are both cancelled";
        }
        return "follower " + pair.followerId() + " starts " + primary.offsetSeconds() + " s after its primary " + pair.primaryId()
                + " again, as the link says";
    }

    /** The other item's calendar as a linked side's {@code ItemLinked} named it. */
    private static CalendarId calendarNamedBy(@Nullable LinkSide side) {
        return Objects.requireNonNull(Objects.requireNonNull(side, "a pair with a problem has a linked side").otherCalendarId(),
                "a linked side names the other item's calendar");
    }

    private static TimeRange shifted(TimeRange time, long seconds) {
        Duration by = Duration.ofSeconds(seconds);
        return new TimeRange(time.start().plus(by), time.end().plus(by));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
