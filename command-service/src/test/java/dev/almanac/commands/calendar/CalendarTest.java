package dev.almanac.commands.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarAccessRevoked;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarDeactivated;
import dev.almanac.events.calendar.CalendarDeleted;
import dev.almanac.events.calendar.CalendarOwner;
import dev.almanac.events.calendar.CalendarUpdated;
import dev.almanac.events.calendar.ItemDurations;
import dev.almanac.events.calendar.OwnerType;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.OverbookingPolicy;

class CalendarTest {

    private static final CalendarId BALLROOM = CalendarId.of("cal-ballroom");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final UserId ALICE = UserId.of("alice@example.com");
    private static final Map<String, Object> AN_ADMIN = Map.of(CommandMetadata.ACTOR, "root", CommandMetadata.ACTOR_ADMIN, true);
    private static final Map<String, Object> ALICE_ACTS = Map.of(CommandMetadata.ACTOR, ALICE.value());
    private static final Map<String, Object> BOB_ACTS = Map.of(CommandMetadata.ACTOR, "bob");

    private FixtureConfiguration<Calendar> fixture;
    private final List<CalendarDefinition> admitted = new ArrayList<>();
    private TermsGuard guard = (calendar, proposed) -> admitted.add(proposed);

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Calendar.class);
        fixture.registerInjectableResource((TermsGuard) (calendar, proposed) -> guard.admit(calendar, proposed));
        fixture.registerInjectableResource((CalendarContents) (calendar, limit) -> held.stream().limit(limit).toList());
    }

    /** The items that hold a place on the calendar, as the booking ledger lists them. */
    private List<String> held = List.of();

    @Test
    void onlyAnEmptyCalendarIsDeletedItsTombstoneEndingItsStream() {
        held = List.of("item-gala", "item-review");
        fixture.given(created())
                .when(new DeleteCalendar(BALLROOM, "The venue closed", null), AN_ADMIN)
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> failure instanceof CommandRejectedException rejected
                        && rejected.violations().get(0).rule().equals("not_empty") && rejected.getMessage().contains("item-gala")));
        held = List.of();
        fixture.given(created())
                .when(new DeleteCalendar(BALLROOM, "The venue closed", null), AN_ADMIN)
                .expectEvents(new CalendarDeleted(BALLROOM, "The venue closed"));
    }

    @Test
    void onlyAManagerDeletesACalendarAndADeletedOneTakesNoCommand() {
        fixture.given(created(), new CalendarAccessGranted(BALLROOM, ALICE, CalendarRole.SCHEDULER, null))
                .when(new DeleteCalendar(BALLROOM, null, null), ALICE_ACTS)
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> failure instanceof CommandRejectedException rejected
                        && rejected.reason() == CommandRejectedException.Reason.FORBIDDEN));
        fixture.given(created(), new CalendarDeleted(BALLROOM, null))
                .when(new GrantCalendarAccess(BALLROOM, ALICE, CalendarRole.VIEWER, null, null), AN_ADMIN)
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> failure instanceof CommandRejectedException rejected
                        && rejected.reason() == CommandRejectedException.Reason.NOT_FOUND
                        && rejected.violations().get(0).rule().equals("deleted")));
    }

    @Test
    void aDeletedCalendarsTermsTakeNothingNew() {
        fixture.given(created(), new CalendarDeleted(BALLROOM, null))
                .when(new DeactivateCalendar(BALLROOM, null, null), AN_ADMIN)
                .expectException(Matchers.predicate(failure -> failure instanceof CommandRejectedException rejected
                        && rejected.reason() == CommandRejectedException.Reason.NOT_FOUND));
        CalendarTerms deleted = new CalendarTerms(BALLROOM, NEW_YORK, 3, OverbookingPolicy.ALLOW,
                ItemDurations.defaultsFor(CalendarType.VENUE), false, 1, dev.almanac.events.calendar.CalendarAccess.OPEN, true);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> deleted.requireActive("calendar_id"))
                .isInstanceOfSatisfying(CommandRejectedException.class,
                        rejected -> assertThat(rejected.violations().get(0).rule()).isEqualTo("deleted"));
    }

    private static CalendarDefinition definition(int capacity, OverbookingPolicy policy) {
        return new CalendarDefinition("Grand Ballroom", null, CalendarType.VENUE, NEW_YORK, capacity, policy, null,
                ItemDurations.defaultsFor(CalendarType.VENUE));
    }

    private static CalendarCreated created() {
        return definition(3, OverbookingPolicy.ALLOW).created(BALLROOM);
    }

    @Test
    void anUpdateRecordsTheWholeNewDefinitionAfterTheGuardAdmitsIt() {
        CalendarDefinition smaller = new CalendarDefinition("Ballroom A", "North half", CalendarType.VENUE, NEW_YORK, 2,
                OverbookingPolicy.BLOCK, new CalendarOwner("venue-1", OwnerType.VENUE), new ItemDurations(1800, 86_400, 3600L));

        fixture.given(created())
                .when(new UpdateCalendar(BALLROOM, smaller, null), AN_ADMIN)
                .expectEvents(new CalendarUpdated(BALLROOM, "Ballroom A", CalendarType.VENUE, NEW_YORK, 2, OverbookingPolicy.BLOCK,
                        "North half", new CalendarOwner("venue-1", OwnerType.VENUE), new ItemDurations(1800, 86_400, 3600L)))
                .expectResultMessagePayload(1L);
        assertThat(admitted).containsExactly(smaller);
    }

    @Test
    void anUpdateTheGuardRefusesChangesNothing() {
        guard = (calendar, proposed) -> {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "capacity", "SCH-023", "too many");
        };

        fixture.given(created())
                .when(new UpdateCalendar(BALLROOM, definition(1, OverbookingPolicy.BLOCK), null), AN_ADMIN)
                .expectNoEvents()
                .expectException(CommandRejectedException.class);
    }

    @Test
    void anUpdateToTheCurrentDefinitionChangesNothing() {
        fixture.given(created())
                .when(new UpdateCalendar(BALLROOM, definition(3, OverbookingPolicy.ALLOW), null), AN_ADMIN)
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void aDefinitionThatTakesRoomOrStartsBlockingTightens() {
        CalendarDefinition allowing = definition(3, OverbookingPolicy.ALLOW);
        CalendarDefinition blocking = definition(3, OverbookingPolicy.BLOCK);

        assertThat(blocking.tightens(allowing)).isTrue();
        assertThat(definition(2, OverbookingPolicy.BLOCK).tightens(blocking)).isTrue();
        assertThat(definition(4, OverbookingPolicy.BLOCK).tightens(blocking)).isFalse();
        assertThat(definition(1, OverbookingPolicy.ALLOW).tightens(blocking)).isFalse();
    }

    @Test
    void aDeactivatedCalendarCannotBeUpdatedAndDeactivatesOnce() {
        fixture.given(created(), new CalendarDeactivated(BALLROOM, "renovation"))
                .when(new UpdateCalendar(BALLROOM, definition(5, OverbookingPolicy.ALLOW), null), AN_ADMIN)
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> failure instanceof CommandRejectedException rejected
                        && rejected.violations().get(0).rule().equals("inactive")));
        fixture.given(created(), new CalendarDeactivated(BALLROOM, "renovation"))
                .when(new DeactivateCalendar(BALLROOM, "again", null), AN_ADMIN)
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void deactivatingTakesTheGuardsLock() {
        fixture.given(created())
                .when(new DeactivateCalendar(BALLROOM, "renovation", null), AN_ADMIN)
                .expectEvents(new CalendarDeactivated(BALLROOM, "renovation"))
                .expectResultMessagePayload(1L);
        assertThat(admitted).hasSize(1);
    }

    @Test
    void aStaleExpectedVersionStopsAnUpdate() {
        fixture.given(created(), definition(4, OverbookingPolicy.ALLOW).updated(BALLROOM))
                .when(new UpdateCalendar(BALLROOM, definition(5, OverbookingPolicy.ALLOW), 0L), AN_ADMIN)
                .expectNoEvents()
                .expectException(org.axonframework.modelling.command.ConflictingAggregateVersionException.class);
    }

    /** A calendar created before calendars had item durations repeats a creation with its type's defaults. */
    @Test
    void aLegacyCreationIsRepeatedByARequestForTheDefaults() {
        CalendarCreated legacy = new CalendarCreated(BALLROOM, "Grand Ballroom", CalendarType.VENUE, NEW_YORK, 1, OverbookingPolicy.BLOCK);

        assertThat(new CreateCalendar(BALLROOM, definition(1, OverbookingPolicy.BLOCK)).isRepeatOf(legacy)).isTrue();
        assertThat(new CreateCalendar(BALLROOM, definition(2, OverbookingPolicy.BLOCK)).isRepeatOf(legacy)).isFalse();
    }

    @Test
    void createsACalendarWithItsZoneAndCapacity() {
        fixture.givenNoPriorActivity()
                .when(new CreateCalendar(BALLROOM, definition(1, OverbookingPolicy.BLOCK)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CalendarCreated(BALLROOM, "Grand Ballroom", CalendarType.VENUE, NEW_YORK, 1, OverbookingPolicy.BLOCK,
                        null, null, ItemDurations.defaultsFor(CalendarType.VENUE)));
    }

    @Test
    void refusesACapacityBelowOne() {
        fixture.givenNoPriorActivity()
                .when(new CreateCalendar(BALLROOM, definition(0, OverbookingPolicy.BLOCK)))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("capacity must be between 1 and 10000 but was 0");
    }

    @Test
    void refusesACapacityAboveTheMaximum() {
        fixture.givenNoPriorActivity()
                .when(new CreateCalendar(BALLROOM, definition(10_001, OverbookingPolicy.BLOCK)))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("capacity must be between 1 and 10000 but was 10001");
    }

    @Test
    void aManagerGrantsARoleAndTheGrantIsPartOfTheTerms() {
        fixture.given(created())
                .when(new GrantCalendarAccess(BALLROOM, ALICE, CalendarRole.SCHEDULER, "runs the finance events", null), AN_ADMIN)
                .expectEvents(new CalendarAccessGranted(BALLROOM, ALICE, CalendarRole.SCHEDULER, "runs the finance events"))
                .expectResultMessagePayload(1L);

        assertThat(new EventSourcedCalendars(fixture.getEventStore()).find(BALLROOM).orElseThrow().access().grants())
                .containsEntry(ALICE, CalendarRole.SCHEDULER);
    }

    @Test
    void theOwnerOfAStaffCalendarManagesIt() {
        CalendarDefinition owned = new CalendarDefinition("Alice's shifts", null, CalendarType.STAFF, NEW_YORK, 1,
                OverbookingPolicy.BLOCK, new CalendarOwner("bob", OwnerType.STAFF), ItemDurations.defaultsFor(CalendarType.STAFF));

        fixture.given(owned.created(BALLROOM))
                .when(new GrantCalendarAccess(BALLROOM, ALICE, CalendarRole.VIEWER, null, null), BOB_ACTS)
                .expectEvents(new CalendarAccessGranted(BALLROOM, ALICE, CalendarRole.VIEWER, null));
    }

    @Test
    void onlyAManagerMayGrantAndAScheduleOfAnOpenCalendarIsNone() {
        fixture.given(created())
                .when(new GrantCalendarAccess(BALLROOM, ALICE, CalendarRole.MANAGER, null, null), ALICE_ACTS)
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> failure instanceof CommandRejectedException refused
                        && refused.reason() == CommandRejectedException.Reason.FORBIDDEN
                        && refused.requiredRole().equals("manager")
                        && refused.violations().get(0).rule().equals("role")
                        && refused.getMessage().contains("alice@example.com is only scheduler there")));
    }

    @Test
    void aGrantedManagerMayChangeTheCalendarAndAGrantedSchedulerMayNot() {
        fixture.given(created(), new CalendarAccessGranted(BALLROOM, ALICE, CalendarRole.MANAGER, null),
                        new CalendarAccessGranted(BALLROOM, UserId.of("bob"), CalendarRole.SCHEDULER, null))
                .when(new DeactivateCalendar(BALLROOM, "renovation", null), BOB_ACTS)
                .expectNoEvents()
                .expectException(CommandRejectedException.class);

        fixture.given(created(), new CalendarAccessGranted(BALLROOM, ALICE, CalendarRole.MANAGER, null))
                .when(new DeactivateCalendar(BALLROOM, "renovation", null), ALICE_ACTS)
                .expectEvents(new CalendarDeactivated(BALLROOM, "renovation"));
    }

    @Test
    void grantingTheSameRoleAgainOrRevokingAUserWithoutAGrantChangesNothing() {
        fixture.given(created(), new CalendarAccessGranted(BALLROOM, ALICE, CalendarRole.VIEWER, null))
                .when(new GrantCalendarAccess(BALLROOM, ALICE, CalendarRole.VIEWER, "again", null), AN_ADMIN)
                .expectNoEvents()
                .expectResultMessagePayload(1L);

        fixture.given(created())
                .when(new RevokeCalendarAccess(BALLROOM, ALICE, null), AN_ADMIN)
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void revokingTheLastGrantOpensTheCalendarAgain() {
        fixture.given(created(), new CalendarAccessGranted(BALLROOM, ALICE, CalendarRole.VIEWER, null))
                .when(new RevokeCalendarAccess(BALLROOM, ALICE, null), AN_ADMIN)
                .expectEvents(new CalendarAccessRevoked(BALLROOM, ALICE, null));

        assertThat(new EventSourcedCalendars(fixture.getEventStore()).find(BALLROOM).orElseThrow().access().isOpen()).isTrue();
    }

    /**
     * Other aggregates read a calendar's terms through {@link Calendars}, which rebuilds it from its events
     * ({@link EventSourcedCalendars}).
     */
    @Test
    void exposesItsTermsAfterItsEventsAreReplayed() {
        fixture.given(new CalendarCreated(BALLROOM, "Grand Ballroom", CalendarType.STAFF, NEW_YORK, 3, OverbookingPolicy.ALLOW));

        assertThat(new EventSourcedCalendars(fixture.getEventStore()).find(BALLROOM))
                .contains(new CalendarTerms(BALLROOM, NEW_YORK, 3, OverbookingPolicy.ALLOW,
                        ItemDurations.defaultsFor(CalendarType.STAFF), true, 0));
    }

    @Test
    void aCalendarWithoutEventsHasNoTerms() {
        fixture.givenNoPriorActivity();

        assertThat(new EventSourcedCalendars(fixture.getEventStore()).find(BALLROOM)).isEmpty();
    }
}
