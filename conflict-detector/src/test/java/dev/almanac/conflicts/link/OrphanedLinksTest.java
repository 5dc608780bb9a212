package dev.almanac.conflicts.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictLink;
import dev.almanac.events.conflict.LinkProblem;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.LinkRole;

/** When a pair's two sides agree, and the orphaned link they make when they do not (LNK-ORPHAN, ADR 0061). */
class OrphanedLinksTest {

    private static final ItemId PRIMARY = ItemId.of("item-core");
    private static final ItemId FOLLOWER = ItemId.of("item-super");
    private static final CalendarId CORE = CalendarId.of("cal-core");
    private static final CalendarId SUPERVISORS = CalendarId.of("cal-supervisors");
    private static final long OFFSET = 7_200;

    @Test
    void aFollowerAtTheOffsetOfItsPrimaryAgreesAndOneAnywhereElseIsOrphaned() {
        assertThat(OrphanedLinks.problem(pair(primary("10:00", "12:00"), follower("12:00", "13:00")))).isEmpty();
        assertThat(OrphanedLinks.problem(pair(primary("14:00", "16:00"), follower("12:00", "13:00"))))
                .contains(LinkProblem.OFFSET_BROKEN);
        assertThat(OrphanedLinks.problem(pair(primary("10:00", "12:00"), follower("12:01", "13:00"))))
                .as("to the second").contains(LinkProblem.OFFSET_BROKEN);
    }

    @Test
    void aPairCancelledTogetherAgreesAndOneSideCancelledAloneIsOrphaned() {
        assertThat(OrphanedLinks.problem(pair(cancelled(primary("10:00", "12:00")), cancelled(follower("12:00", "13:00"))))).isEmpty();
        assertThat(OrphanedLinks.problem(pair(cancelled(primary("10:00", "12:00")), follower("12:00", "13:00"))))
                .contains(LinkProblem.PRIMARY_CANCELLED);
        assertThat(OrphanedLinks.problem(pair(primary("10:00", "12:00"), cancelled(follower("12:00", "13:00")))))
                .contains(LinkProblem.FOLLOWER_CANCELLED);
    }

    @Test
    void aLinkOnOneSideOnlyIsOrphanedWhileThatSideIsPlacedAndALinkEndedOnBothIsNothing() {
        assertThat(OrphanedLinks.problem(pair(primary("10:00", "12:00"), null))).contains(LinkProblem.FOLLOWER_MISSING);
        assertThat(OrphanedLinks.problem(pair(primary("10:00", "12:00"), unlinked(follower("12:00", "13:00")))))
                .contains(LinkProblem.FOLLOWER_MISSING);
        assertThat(OrphanedLinks.problem(pair(null, follower("12:00", "13:00")))).contains(LinkProblem.PRIMARY_MISSING);
        assertThat(OrphanedLinks.problem(pair(cancelled(primary("10:00", "12:00")), null))).as("nothing placed is out of step").isEmpty();
        assertThat(OrphanedLinks.problem(pair(unlinked(primary("10:00", "12:00")), unlinked(follower("15:00", "16:00"))))).isEmpty();
        assertThat(OrphanedLinks.problem(LinkPair.unknown(PRIMARY, FOLLOWER))).isEmpty();
    }

    @Test
    void sidesLinkedWithDifferentOffsetsDisagree() {
        LinkSide relinked = new LinkSide(LinkRole.PRIMARY, PRIMARY, CORE, FOLLOWER, SUPERVISORS, true, 3_600, true, "Core visit",
                range("10:00", "12:00"), 3);
        assertThat(OrphanedLinks.problem(pair(relinked, follower("12:00", "13:00")))).contains(LinkProblem.OFFSETS_DIFFER);
    }

    @Test
    void theOrphanNamesThePairOnThePrimarysCalendarSpansBothAndPutsAnUnseenSideWhereTheLinkPutsIt() {
        Optional<ConflictDetected> orphan = OrphanedLinks.orphan(pair(primary("14:00", "16:00"), null));

        assertThat(orphan).hasValueSatisfying(detected -> {
            assertThat(detected.conflictId()).isEqualTo(OrphanedLinks.conflictId(PRIMARY, FOLLOWER));
            assertThat(detected.calendarId()).isEqualTo(CORE);
            assertThat(detected.level()).isEqualTo(OrphanedLinks.LEVEL);
            assertThat(detected.link()).isEqualTo(new ConflictLink(PRIMARY, CORE, FOLLOWER, SUPERVISORS, OFFSET,
                    LinkProblem.FOLLOWER_MISSING));
            assertThat(detected.entries()).extracting(entry -> entry.entryId() + " " + entry.title() + " " + entry.start() + " " + entry.end())
                    .containsExactly("item-core Core visit " + at("14:00") + " " + at("16:00"),
                            "item-super  " + at("16:00") + " " + at("18:00"));
            assertThat(new TimeRange(detected.start(), detected.end())).isEqualTo(range("14:00", "18:00"));
        });
        assertThat(OrphanedLinks.conflictId(PRIMARY, FOLLOWER)).as("one id per pair, whatever is wrong")
                .isEqualTo(OrphanedLinks.orphan(pair(null, follower("12:00", "13:00"))).orElseThrow().conflictId());
    }

    private static LinkPair pair(LinkSide primary, LinkSide follower) {
        return new LinkPair(PRIMARY, FOLLOWER, primary, follower, null);
    }

    private static LinkSide primary(String start, String end) {
        return new LinkSide(LinkRole.PRIMARY, PRIMARY, CORE, FOLLOWER, SUPERVISORS, true, OFFSET, true, "Core visit", range(start, end), 1);
    }

    private static LinkSide follower(String start, String end) {
        return new LinkSide(LinkRole.FOLLOWER, FOLLOWER, SUPERVISORS, PRIMARY, CORE, true, OFFSET, true, "Supervisor visit",
                range(start, end), 1);
    }

    private static LinkSide cancelled(LinkSide side) {
        return new LinkSide(side.role(), side.itemId(), side.calendarId(), side.otherId(), side.otherCalendarId(), side.linked(),
                side.offsetSeconds(), false, side.title(), side.time(), side.version() + 1);
    }

    private static LinkSide unlinked(LinkSide side) {
        return new LinkSide(side.role(), side.itemId(), side.calendarId(), side.otherId(), side.otherCalendarId(), false,
                side.offsetSeconds(), side.placed(), side.title(), side.time(), side.version() + 1);
    }

    private static TimeRange range(String start, String end) {
        return new TimeRange(at(start), at(end));
    }

    private static Instant at(String time) {
        return Instant.parse("2026-12-01T" + time + ":00Z");
    }
}
