package dev.almanac.commands.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.almanac.commands.calendar.Calendars;
import dev.almanac.commands.item.ItemLinks.Follows;
import dev.almanac.commands.support.InMemoryCalendars;
import dev.almanac.events.TimeRange;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.platform.identity.Caller;

/**
 * ItemMoves checks, once every item of a change has changed, that each reached the version its linked items
 * declared (PlannedVersions): here an unlink whose items are stand-ins that report what they applied.
 */
class ItemMovesTest {

    private static final CalendarId BALLROOM = CalendarId.of("cal-ballroom");
    private static final Instant START = Instant.parse("2026-12-01T17:00:00Z");
    private static final ItemId CORE = ItemId.of("606001-core");
    private static final ItemId SUPERVISOR = ItemId.of("606001-supervisor");
    private static final Caller ALICE = new Caller(UserId.of("alice"), false);

    @SuppressWarnings("unchecked")
    private final Repository<Item> items = mock(Repository.class);
    private final ItemMoves moves = new ItemMoves(items, mock(ItemGraph.class), mock(CapacityGuard.class));
    private final Calendars noCalendars = new InMemoryCalendars(id -> Optional.empty());

    /** A stand-in for a locked item at {@code version}; each change it is given moves it on by {@code eventsPerChange} versions. */
    @SuppressWarnings("unchecked")
    private List<Consumer<Item>> item(ItemId id, @Nullable ItemId primary, Set<ItemId> followers, long version, int eventsPerChange) {
        AtomicReference<LinkState> state = new AtomicReference<>(new LinkState(id, BALLROOM, new TimeRange(START, START.plusSeconds(3600)),
                false, primary == null ? null : new Follows(primary, 7_200), followers, version, START, "event-" + version));
        List<Consumer<Item>> changes = new ArrayList<>();
        Aggregate<Item> aggregate = mock(Aggregate.class);
        when(aggregate.invoke(any())).thenAnswer(call -> ((Function<Item, ?>) call.getArgument(0)).apply(stateOf(state)));
        doAnswer(call -> {
            changes.add(call.getArgument(0));
            LinkState before = state.get();
            state.set(new LinkState(before.itemId(), before.calendarId(), before.slot(), before.cancelled(), before.follows(),
                    before.followers(), before.version() + eventsPerChange, before.at(), before.eventId()));
            return null;
        }).when(aggregate).execute(any());
        when(items.load("item:" + id)).thenReturn(aggregate);
        when(items.load("item:" + id, null)).thenReturn(aggregate);
        return changes;
    }

    /** An item whose only answer is its link state. */
    private static Item stateOf(AtomicReference<LinkState> state) {
        return new Item() {
            @Override
            LinkState linkState() {
                return state.get();
            }
        };
    }

    @Test
    void anUnlinkWhoseItemsReachedTheirPlannedVersionsPassesTheCheck() {
        List<Consumer<Item>> primaryChanges = item(CORE, null, Set.of(SUPERVISOR), 3, 1);
        List<Consumer<Item>> followerChanges = item(SUPERVISOR, CORE, Set.of(), 5, 1);

        assertThatCode(() -> moves.handle(new UnlinkItems(CORE, SUPERVISOR, null), MetaData.emptyInstance(), ALICE, noCalendars))
                .doesNotThrowAnyException();
        assertThat(primaryChanges).hasSize(1);
        assertThat(followerChanges).hasSize(1);
    }

    @Test
    void anItemThatDidNotReachTheVersionItsPartnerDeclaredFailsTheChange() {
        item(CORE, null, Set.of(SUPERVISOR), 3, 1);
        item(SUPERVISOR, CORE, Set.of(), 5, 0);

        assertThatThrownBy(() -> moves.handle(new UnlinkItems(CORE, SUPERVISOR, null), MetaData.emptyInstance(), ALICE, noCalendars))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("item 606001-supervisor reached version 5")
                .hasMessageContaining("declared, version 6");
    }
}
