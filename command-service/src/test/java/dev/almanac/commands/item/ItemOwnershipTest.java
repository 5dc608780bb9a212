package dev.almanac.commands.item;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.calendar.CalendarTerms;
import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.commands.resource.KnownResources;
import dev.almanac.commands.support.InMemoryCalendars;
import dev.almanac.events.TimeRange;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccess;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarOwner;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.ItemDurations;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.calendar.OwnerType;
import dev.almanac.events.calendar.UngrantedCalendars;
import dev.almanac.events.schedule.AttachmentAdded;
import dev.almanac.events.schedule.AttachmentId;
import dev.almanac.events.schedule.ItemCancelled;
import dev.almanac.events.schedule.ItemConfirmed;
import dev.almanac.events.schedule.ItemDeleted;
import dev.almanac.events.schedule.ItemFields;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.ItemSource;
import dev.almanac.events.schedule.ItemUpdated;
import dev.almanac.events.schedule.Priority;
import dev.almanac.events.schedule.ScheduleStatus;
import dev.almanac.platform.problem.Violation;

/**
 * Item ownership (ADR 0090) and seed 003's roles as grants, on the item's aggregate without Spring: the item records who
 * scheduled it; its owner changes it as a scheduler, anyone else only as a manager of its calendar (its staff owner, a
 * granted manager, an admin). The clinic's grants are the table of docs/security.md: carl and cora are customers
 * (scheduler), sam is staff (scheduler here, and the staff owner of his own calendar), mia is its manager.
 */
class ItemOwnershipTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final CalendarId CLINIC = CalendarId.of("cal-clinic");
    private static final CalendarId SAMS = CalendarId.of("cal-sam");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ItemId VISIT = ItemId.of("item-visit");
    private static final Instant START = Instant.parse("2026-12-01T15:00:00Z");
    private static final Instant END = Instant.parse("2026-12-01T16:00:00Z");
    private static final Instant LATER = START.plusSeconds(86_400);
    private static final UserId CARL = UserId.of("carl");

    private static final CalendarAccess CLINIC_GRANTS = CalendarAccess.OPEN
            .granted(CARL, CalendarRole.SCHEDULER).granted(UserId.of("cora"), CalendarRole.SCHEDULER)
            .granted(UserId.of("sam"), CalendarRole.SCHEDULER).granted(UserId.of("mia"), CalendarRole.MANAGER)
            .granted(UserId.of("vic"), CalendarRole.VIEWER).granted(UserId.of("fay"), CalendarRole.FREEBUSY);
    /** Sam's own calendar: he is its staff owner, so its manager; carl books on it as a customer. */
    private static final CalendarAccess SAMS_GRANTS = CalendarAccess.OPEN.withOwner(new CalendarOwner("sam", OwnerType.STAFF))
            .granted(CARL, CalendarRole.SCHEDULER);

    private FixtureConfiguration<Item> fixture;
    private CalendarAccess clinicAccess = CLINIC_GRANTS;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Item.class);
        fixture.registerInjectableResource(new InMemoryCalendars(id -> Optional.of(new CalendarTerms(id, NEW_YORK, 5,
                OverbookingPolicy.BLOCK, ItemDurations.defaultsFor(CalendarType.VENUE), true, 0,
                id.equals(SAMS) ? SAMS_GRANTS : clinicAccess))));
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
        fixture.registerInjectableResource((KnownResources) ids -> Set.of());
        fixture.registerInjectableResource(new ItemGraph(new JdbcTemplate()) {
            @Override
            List<ItemId> dependentsOf(ItemId item) {
                return List.of();
            }

            @Override
            public Map<ItemId, Absence> absent(List<ItemId> items) {
                return Map.of();
            }
        });
    }

    @Test
    void theItemRecordsWhoScheduledItAsItsOwner() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleItem(VISIT, CLINIC, "Check-up", "visit", START, END, NEW_YORK, Priority.NORMAL, List.of()), as("carl"))
                .expectEvents(ownedBy(CLINIC, "carl"));
    }

    /** A customer changes their own item: move, PUT, confirm, attach, cancel and delete. */
    @Test
    void itsOwnerWithTheSchedulerRoleChangesIt() {
        fixture.given(ownedBy(CLINIC, "carl")).when(new RescheduleItem(VISIT, LATER, null, null), as("carl"))
                .expectEvents(moved());
        fixture.given(ownedBy(CLINIC, "carl")).when(new ConfirmItem(VISIT, null), as("carl"))
                .expectEvents(new ItemConfirmed(VISIT, CLINIC, START, END));
        fixture.given(ownedBy(CLINIC, "carl")).when(attach(), as("carl"))
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        Matchers.matches(event -> event instanceof AttachmentAdded), Matchers.andNoMore())));
        fixture.given(ownedBy(CLINIC, "carl")).when(new CancelItem(VISIT, null, null), as("carl"))
                .expectEvents(new ItemCancelled(VISIT, CLINIC, START, END, null, null, List.of()));
        fixture.given(ownedBy(CLINIC, "carl")).when(new DeleteItem(VISIT, null, null), as("carl"))
                .expectEvents(new ItemDeleted(VISIT, CLINIC, START, END, null));
    }

    /**
     * Another customer, the staff member who is only a scheduler here, and a viewer may change none of it: 403, rule
     * {@code owner}, needing the manager role, naming the owner; nothing applied.
     */
    @Test
    void nobodyElseWithoutTheManagerRoleChangesAnyOfIt() {
        List<Object> changes = List.of(new RescheduleItem(VISIT, LATER, null, null), new ConfirmItem(VISIT, null),
                new CancelItem(VISIT, null, null), new UpdateItem(VISIT, "Mine now", null, null, null, null, null),
                new UpdateItem(VISIT, null, null, null, null, ScheduleStatus.TENTATIVE, null), new DeleteItem(VISIT, null, null),
                attach(), new RemoveAttachment(VISIT, AttachmentId.of("att-x-ray"), null));
        for (String stranger : List.of("cora", "sam", "vic")) {
            for (Object change : changes) {
                fixture.given(ownedBy(CLINIC, "carl")).when(change, as(stranger))
                        .expectNoEvents().expectException(notTheirs(stranger));
            }
        }
    }

    /** ADR 0096: a free/busy grantee writes nothing, not even an item of their own: 403 naming the scheduler role. */
    @Test
    void aFreeBusyGranteeSchedulesAndChangesNothing() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleItem(VISIT, CLINIC, "Check-up", "visit", START, END, NEW_YORK, Priority.NORMAL, List.of()), as("fay"))
                .expectNoEvents().expectException(refused("role", "scheduler"));
        fixture.given(ownedBy(CLINIC, "fay")).when(new RescheduleItem(VISIT, LATER, null, null), as("fay"))
                .expectNoEvents().expectException(refused("role", "scheduler"));
        fixture.given(ownedBy(CLINIC, "carl")).when(new CancelItem(VISIT, null, null), as("fay"))
                .expectNoEvents().expectException(refused("owner", "manager"));
    }

    /**
     * ADR 0096: an item scheduled private says so on its event; a PUT makes it private or not, the change carried in the
     * event's fields; a PUT that leaves {@code private} out leaves it as it was.
     */
    @Test
    void anItemIsScheduledPrivateAndItsOwnerChangesThat() {
        ItemScheduled kept = new ItemScheduled(VISIT, CLINIC, "Check-up", "visit", START, END, NEW_YORK, Priority.NORMAL, List.of(), null,
                null, null, ItemSource.MANUAL, null, null, CARL, true);
        fixture.givenNoPriorActivity()
                .when(new ScheduleItem(VISIT, CLINIC, "Check-up", "visit", START, END, NEW_YORK, Priority.NORMAL, List.of(), null, List.of(),
                        Map.of(), ItemSource.MANUAL, List.of(), false, true), as("carl"))
                .expectEvents(kept);
        ItemFields open = new ItemFields("Check-up", "visit", Priority.NORMAL, List.of(), ScheduleStatus.SCHEDULED);
        ItemFields closed = new ItemFields("Check-up", "visit", Priority.NORMAL, List.of(), ScheduleStatus.SCHEDULED, true);
        fixture.given(kept).when(new UpdateItem(VISIT, null, null, null, null, null, null, false), as("carl"))
                .expectEvents(new ItemUpdated(VISIT, CLINIC, START, END, closed, open));
        fixture.given(ownedBy(CLINIC, "carl")).when(new UpdateItem(VISIT, null, null, null, null, null, null, true), as("carl"))
                .expectEvents(new ItemUpdated(VISIT, CLINIC, START, END, open, closed));
        fixture.given(kept).when(new UpdateItem(VISIT, "Check-up 2", null, null, null, null, null), as("carl"))
                .expectEvents(new ItemUpdated(VISIT, CLINIC, START, END, closed,
                        new ItemFields("Check-up 2", "visit", Priority.NORMAL, List.of(), ScheduleStatus.SCHEDULED, true)));
        assertThat(ownedBy(CLINIC, "carl").keptPrivate()).as("an event written before the flag").isFalse();
    }

    /** A manager's role is the override, as for rules (ADR 0062): the clinic's manager and any admin change anyone's item. */
    @Test
    void aManagerOfTheCalendarOrAnAdminChangesAnyonesItem() {
        fixture.given(ownedBy(CLINIC, "carl")).when(new RescheduleItem(VISIT, LATER, null, null), as("mia"))
                .expectEvents(moved());
        fixture.given(ownedBy(CLINIC, "carl"))
                .when(new DeleteItem(VISIT, null, null), Map.of(CommandMetadata.ACTOR, "ada", CommandMetadata.ACTOR_ADMIN, true))
                .expectEvents(new ItemDeleted(VISIT, CLINIC, START, END, null));
    }

    /** Staff: on his own calendar sam is its staff owner, a manager, and changes what customers booked with him. */
    @Test
    void aStaffMemberChangesTheItemsOnHisOwnCalendar() {
        fixture.given(ownedBy(SAMS, "carl")).when(new CancelItem(VISIT, "Sam is ill", null), as("sam"))
                .expectEvents(new ItemCancelled(VISIT, SAMS, START, END, "Sam is ill", null, List.of()));
    }

    /** The owner who lost their grant is refused for the grant, as a rule's creator is (403, rule {@code role}). */
    @Test
    void anOwnerWhoIsOnlyAViewerNowIsRefusedTheRole() {
        clinicAccess = CLINIC_GRANTS.granted(CARL, CalendarRole.VIEWER);
        fixture.given(ownedBy(CLINIC, "carl")).when(new CancelItem(VISIT, null, null), as("carl"))
                .expectNoEvents().expectException(refused("role", "scheduler"));
    }

    /** Items scheduled before owners were recorded keep today's rule: any scheduler of the calendar changes them. */
    @Test
    void anItemWithoutARecordedOwnerIsEverySchedulersToChange() {
        fixture.given(new ItemScheduled(VISIT, CLINIC, "Check-up", "visit", START, END, NEW_YORK, Priority.NORMAL, List.of()))
                .when(new RescheduleItem(VISIT, LATER, null, null), as("cora"))
                .expectEvents(moved());
    }

    /** A calendar without grants, in development mode, is open to every scheduler (ADR 0086): ownership starts with grants. */
    @Test
    void onAnOpenCalendarAnyoneChangesAnyItem() {
        clinicAccess = CalendarAccess.OPEN;
        fixture.given(ownedBy(CLINIC, "carl"))
                .when(new RescheduleItem(VISIT, LATER, null, null),
                        Map.of(CommandMetadata.ACTOR, "cora", CommandMetadata.ACTOR_UNGRANTED, UngrantedCalendars.OPEN.name()))
                .expectEvents(moved());
    }

    private static ItemScheduled ownedBy(CalendarId calendar, String owner) {
        return new ItemScheduled(VISIT, calendar, "Check-up", "visit", START, END, NEW_YORK, Priority.NORMAL, List.of(), null, null,
                null, ItemSource.MANUAL, null, null, UserId.of(owner));
    }

    private static ItemRescheduled moved() {
        return new ItemRescheduled(VISIT, CLINIC, START, END, LATER, LATER.plusSeconds(3600), null, null, null, List.of(), false);
    }

    private static AddAttachment attach() {
        return new AddAttachment(VISIT, AttachmentId.of("att-x-ray"), "x-ray.png", "image/png", 2048, "https://files.example.com/x.png",
                null, null);
    }

    /** A caller in JWT mode, denied by default: the clinic's grants alone decide. */
    private static Map<String, Object> as(String actor) {
        return Map.of(CommandMetadata.ACTOR, actor, CommandMetadata.ACTOR_UNGRANTED, UngrantedCalendars.CLOSED.name());
    }

    /** 403 on {@code id}, rule {@code owner}, needing the manager role, with a message naming the owner and the caller. */
    private static Matcher<?> notTheirs(String caller) {
        return Matchers.predicate(failure -> failure instanceof CommandRejectedException refused
                && refused.reason() == CommandRejectedException.Reason.FORBIDDEN && "manager".equals(refused.requiredRole())
                && refused.violations().get(0).field().equals("id") && refused.violations().get(0).rule().equals("owner")
                && refused.violations().get(0).message().contains("which carl owns")
                && refused.violations().get(0).message().contains(caller + " is only"));
    }

    private static Matcher<?> refused(String rule, String role) {
        return Matchers.predicate(failure -> failure instanceof CommandRejectedException refused
                && refused.reason() == CommandRejectedException.Reason.FORBIDDEN && role.equals(refused.requiredRole())
                && refused.violations().get(0).rule().equals(rule));
    }
}
