package dev.almanac.commands.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.almanac.commands.item.ItemLinks.Follows;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.LinkedChange;

/** What a change that spans linked items declares in linked_changes, planned before its items change, and the check after. */
class PlannedVersionsTest {

    private static final CalendarId BALLROOM = CalendarId.of("cal-ballroom");
    private static final Instant START = Instant.parse("2026-12-01T17:00:00Z");
    private static final ItemId CORE = ItemId.of("b-core");
    private static final ItemId FIRST = ItemId.of("a-first");
    private static final ItemId SECOND = ItemId.of("c-second");
    private static final ItemId DEPENDENT = ItemId.of("d-dependent");

    private static LinkState item(ItemId id, long version, boolean cancelled, @Nullable ItemId primary, ItemId... followers) {
        return new LinkState(id, BALLROOM, new TimeRange(START, START.plusSeconds(3600)), cancelled,
                primary == null ? null : new Follows(primary, 600), Set.of(followers), version, START, "event-" + id + "-" + version);
    }

    @Test
    void eachSideNamesTheOtherAtTheVersionItReachesAndAnUnchangedItemIsNotNamed() {
        PlannedVersions plan = new PlannedVersions(List.of(item(CORE, 4, false, null, FIRST, SECOND),
                item(FIRST, 2, false, CORE), item(SECOND, 7, true, CORE), item(DEPENDENT, 0, false, null)));
        plan.expect(CORE, 1);
        plan.expect(FIRST, 1);
        plan.expect(DEPENDENT, 1);

        assertThat(plan.linkedChangesOf(CORE)).containsExactly(new LinkedChange(FIRST, 3));
        assertThat(plan.linkedChangesOf(FIRST)).containsExactly(new LinkedChange(CORE, 5));
        assertThat(plan.linkedChangesOf(SECOND)).containsExactly(new LinkedChange(CORE, 5));
        assertThat(plan.linkedChangesOf(DEPENDENT)).as("a dependent is no link partner").isEmpty();
    }

    @Test
    void aNewLinksOtherSideIsNamedAtItsLastEventsVersion() {
        PlannedVersions plan = new PlannedVersions(List.of(item(CORE, 4, false, null, SECOND), item(FIRST, 2, false, null),
                item(SECOND, 1, false, CORE)));
        plan.expect(CORE, 1);
        plan.expect(FIRST, 2);

        assertThat(plan.linkedChangesOf(CORE, FIRST)).as("the unchanged follower is left out").containsExactly(new LinkedChange(FIRST, 4));
        assertThat(plan.linkedChangesOf(FIRST, CORE)).containsExactly(new LinkedChange(CORE, 5));
    }

    @Test
    void theCheckPassesWhenEveryItemReachedItsPlannedVersion() {
        PlannedVersions plan = new PlannedVersions(List.of(item(CORE, 4, false, null, FIRST), item(FIRST, 2, true, CORE)));
        plan.expect(CORE, 1);
        Map<ItemId, LinkState> after = Map.of(CORE, item(CORE, 5, false, null, FIRST), FIRST, item(FIRST, 2, true, CORE));

        assertThatCode(() -> plan.confirm(after::get)).doesNotThrowAnyException();
    }

    @Test
    void theCheckNamesAnItemThatReachedAnotherVersionThanItsPartnersDeclared() {
        PlannedVersions plan = new PlannedVersions(List.of(item(CORE, 4, false, null, FIRST), item(FIRST, 2, false, CORE)));
        plan.expect(CORE, 1);
        plan.expect(FIRST, 1);
        Map<ItemId, LinkState> after = Map.of(CORE, item(CORE, 5, false, null, FIRST), FIRST, item(FIRST, 2, false, CORE));

        assertThatThrownBy(() -> plan.confirm(after::get))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("item a-first reached version 2")
                .hasMessageContaining("version 3");
    }

    @Test
    void onlyTheLockedItemsArePlanned() {
        PlannedVersions plan = new PlannedVersions(List.of(item(CORE, 4, false, null)));

        assertThatThrownBy(() -> plan.expect(FIRST, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
