package dev.almanac.commands.item;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.calendar.CalendarTerms;
import dev.almanac.commands.calendar.Calendars;
import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.ItemDurations;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.schedule.ItemCancelled;
import dev.almanac.events.schedule.ItemConfirmed;
import dev.almanac.events.schedule.ItemDeleted;
import dev.almanac.events.schedule.ItemFields;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.ItemUpdated;
import dev.almanac.events.schedule.Priority;
import dev.almanac.events.schedule.ScheduleStatus;
import dev.almanac.platform.problem.Violation;

/** Seed 003's PUT, statuses and deletion on the item's aggregate (issue 72, ADR 0084), without Spring. */
class ItemFieldsAndDeletionTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final CalendarId BALLROOM = CalendarId.of("cal-ballroom");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ItemId REVIEW = ItemId.of("item-review");
    private static final Instant START = Instant.parse("2026-12-01T15:00:00Z");
    private static final Instant END = Instant.parse("2026-12-01T16:00:00Z");
    private static final ItemFields AS_SCHEDULED = new ItemFields("Quarterly review", "meeting", Priority.NORMAL, List.of("finance"),
            ScheduleStatus.SCHEDULED);

    private FixtureConfiguration<Item> fixture;
    private List<ItemId> dependents = List.of();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Item.class);
        Optional<CalendarTerms> ballroom = Optional.of(new CalendarTerms(BALLROOM, NEW_YORK, 1, OverbookingPolicy.BLOCK,
                ItemDurations.defaultsFor(CalendarType.VENUE), true, 0));
        fixture.registerInjectableResource(new Calendars() {
            @Override
            public Optional<CalendarTerms> find(CalendarId id) {
                return ballroom;
            }

            @Override
            public Optional<CalendarTerms> holdAndFind(CalendarId id) {
                return ballroom;
            }
        });
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(new CapacityGuard() {
            @Override
            public void hold(CalendarId calendar) {
            }

            @Override
            public List<Violation> admit(CalendarTerms calendar, ItemId item, TimeRange slot) {
                return List.of();
            }

            @Override
            public CapacityGuard.Admission admit(CalendarTerms calendar, ItemId item, TimeRange slot, boolean overriding) {
                return new CapacityGuard.Admission(List.of(), false);
            }
        });
        fixture.registerInjectableResource(new ItemGraph(new JdbcTemplate()) {
            @Override
            List<ItemId> dependentsOf(ItemId item) {
                return dependents;
            }
        });
    }

    private static ItemScheduled scheduled() {
        return new ItemScheduled(REVIEW, BALLROOM, "Quarterly review", "meeting", START, END, NEW_YORK, Priority.NORMAL,
                List.of("finance"));
    }

    private static UpdateItem status(ScheduleStatus status) {
        return new UpdateItem(REVIEW, null, null, null, null, status, null);
    }

    private static ItemUpdated updated(ItemFields before, ItemFields after) {
        return new ItemUpdated(REVIEW, BALLROOM, START, END, before, after);
    }

    private static ItemFields with(ItemFields fields, ScheduleStatus status) {
        return new ItemFields(fields.title(), fields.type(), fields.priority(), fields.tags(), status);
    }

    @Test
    void aPutChangesOnlyTheFieldsGivenAndRecordsThemBeforeAndAfter() {
        ItemFields after = new ItemFields("Quarterly review (room to confirm)", "meeting", Priority.HIGH, List.of("finance"),
                ScheduleStatus.TENTATIVE);
        fixture.given(scheduled())
                .when(new UpdateItem(REVIEW, "Quarterly review (room to confirm)", null, Priority.HIGH, null, ScheduleStatus.TENTATIVE, null))
                .expectEvents(updated(AS_SCHEDULED, after));
    }

    @Test
    void aPutThatChangesNothingAppliesNothing() {
        fixture.given(scheduled())
                .when(new UpdateItem(REVIEW, "Quarterly review", "meeting", Priority.NORMAL, List.of("finance"), ScheduleStatus.SCHEDULED, null))
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aConfirmedItemBecomesTentativeOnlyThroughRescheduling() {
        fixture.given(scheduled(), new ItemConfirmed(REVIEW, BALLROOM, START, END))
                .when(status(ScheduleStatus.TENTATIVE))
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> refused(failure, "status", "status_transition")));
        fixture.given(scheduled(), new ItemConfirmed(REVIEW, BALLROOM, START, END))
                .when(status(ScheduleStatus.RESCHEDULING))
                .expectEvents(updated(with(AS_SCHEDULED, ScheduleStatus.CONFIRMED), with(AS_SCHEDULED, ScheduleStatus.RESCHEDULING)));
    }

    @Test
    void confirmedAndCancelledAreNotReachedByAPut() {
        fixture.given(scheduled())
                .when(status(ScheduleStatus.CONFIRMED))
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> refused(failure, "status", "status_transition")
                        && ((Throwable) failure).getMessage().contains("/confirm")));
        fixture.given(scheduled())
                .when(status(ScheduleStatus.CANCELLED))
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> refused(failure, "status", "status_transition")));
    }

    @Test
    void aMoveEndsReschedulingAndKeepsTentative() {
        ItemFields rescheduling = with(AS_SCHEDULED, ScheduleStatus.RESCHEDULING);
        ItemRescheduled moved = new ItemRescheduled(REVIEW, BALLROOM, START, END, START.plusSeconds(3600), END.plusSeconds(3600),
                null, null, null, List.of());
        fixture.given(scheduled(), updated(AS_SCHEDULED, rescheduling), moved)
                .when(status(ScheduleStatus.TENTATIVE))
                .expectEvents(new ItemUpdated(REVIEW, BALLROOM, START.plusSeconds(3600), END.plusSeconds(3600), AS_SCHEDULED,
                        with(AS_SCHEDULED, ScheduleStatus.TENTATIVE)));
        ItemFields tentative = with(AS_SCHEDULED, ScheduleStatus.TENTATIVE);
        fixture.given(scheduled(), updated(AS_SCHEDULED, tentative), moved)
                .when(status(ScheduleStatus.RESCHEDULING))
                .expectEvents(new ItemUpdated(REVIEW, BALLROOM, START.plusSeconds(3600), END.plusSeconds(3600), tentative, rescheduling));
    }

    @Test
    void aDeletionIsTheItemsTombstoneAndEveryLaterCommandIsNotFound() {
        fixture.given(scheduled())
                .when(new DeleteItem(REVIEW, "Entered twice", null))
                .expectEvents(new ItemDeleted(REVIEW, BALLROOM, START, END, "Entered twice"));
        fixture.given(scheduled(), new ItemDeleted(REVIEW, BALLROOM, START, END, null))
                .when(new ConfirmItem(REVIEW, null))
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> failure instanceof CommandRejectedException rejected
                        && rejected.reason() == CommandRejectedException.Reason.NOT_FOUND && refused(failure, "id", "deleted")));
        fixture.given(scheduled(), new ItemDeleted(REVIEW, BALLROOM, START, END, null))
                .when(new UndoItem(REVIEW, null))
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> refused(failure, "id", "deleted")));
    }

    @Test
    void aCancelledItemMayBeDeletedButOneOthersDependOnMayNot() {
        fixture.given(scheduled(), new ItemCancelled(REVIEW, BALLROOM, START, END, null, null, List.of()))
                .when(new DeleteItem(REVIEW, null, null))
                .expectEvents(new ItemDeleted(REVIEW, BALLROOM, START, END, null));
        dependents = List.of(ItemId.of("item-after"));
        fixture.given(scheduled())
                .when(new DeleteItem(REVIEW, null, null))
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> refused(failure, "id", "depended_on")));
    }

    @Test
    void aPutIsUndoneByThePutBack() {
        ItemFields after = new ItemFields("Renamed", "meeting", Priority.NORMAL, List.of("finance"), ScheduleStatus.SCHEDULED);
        fixture.givenCurrentTime(NOW.minusSeconds(60))
                .andGiven(by("alice", scheduled(), 0), by("alice", updated(AS_SCHEDULED, after), 1))
                .when(new UndoItem(REVIEW, null), Map.of(CommandMetadata.ACTOR, "alice"))
                .expectEvents(updated(after, AS_SCHEDULED));
    }

    private static DomainEventMessage<?> by(String actor, Object event, long sequence) {
        return new GenericDomainEventMessage<>("Item", "item:" + REVIEW, sequence, event, MetaData.with(CommandMetadata.ACTOR, actor));
    }

    private static boolean refused(Object failure, String field, String rule) {
        return failure instanceof CommandRejectedException rejected && rejected.violations().size() == 1
                && rejected.violations().get(0).field().equals(field) && rejected.violations().get(0).rule().equals(rule);
    }
}
