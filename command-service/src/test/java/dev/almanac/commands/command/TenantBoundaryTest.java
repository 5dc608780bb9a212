package dev.almanac.commands.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.junit.jupiter.api.Test;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.CommandRejectedException.Reason;
import dev.almanac.commands.calendar.CalendarDefinition;
import dev.almanac.commands.calendar.CreateCalendar;
import dev.almanac.commands.calendar.GrantCalendarAccess;
import dev.almanac.commands.eventstore.CachedCommandTargetResolver;
import dev.almanac.commands.item.ConfirmItem;
import dev.almanac.commands.item.LinkItems;
import dev.almanac.commands.item.MoveItem;
import dev.almanac.commands.item.ScheduleItem;
import dev.almanac.commands.item.SetItemReminder;
import dev.almanac.commands.rule.CancelOccurrence;
import dev.almanac.commands.rule.OccurrenceRef;
import dev.almanac.commands.run.ReportRun;
import dev.almanac.commands.run.RunStatus;
import dev.almanac.events.EntryKind;
import dev.almanac.events.ReminderId;
import dev.almanac.events.Tenant;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarOwner;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.ItemDurations;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.calendar.OwnerType;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.calendar.UngrantedCalendars;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.run.RunId;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemSource;
import dev.almanac.events.schedule.Priority;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.events.schedule.ResourceRole;
import dev.almanac.platform.identity.Caller;

/** The tenant's boundary on commands (ADR 0102), on the commands themselves: what each id of another tenant answers. */
class TenantBoundaryTest {

    private static final Instant START = Instant.parse("2026-12-10T10:00:00Z");
    private static final Tenant ACME = Tenant.of("acme");

    private final TenantBoundary boundary = new TenantBoundary(new CachedCommandTargetResolver());

    @Test
    void aCreationsOwnIdOfAnotherTenantIsRefusedNamingThePrefixExpected() {
        CommandRejectedException refused = refusal(schedule("globex:item-1", "acme:cal", List.of()));

        assertThat(refused.reason()).isEqualTo(Reason.UNKNOWN_REFERENCE);
        assertThat(refused.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.field()).isEqualTo("id");
            assertThat(violation.rule()).isEqualTo("tenant");
            assertThat(violation.message()).contains("acme:");
        });
    }

    @Test
    void aTargetOfAnotherTenantIsHiddenWhetherAnAggregateOrAServiceHandlesIt() {
        assertThat(refusal(new ConfirmItem(ItemId.of("globex:item-1"), null)).reason()).isEqualTo(Reason.HIDDEN);
        assertThat(refusal(new MoveItem(ItemId.of("globex:item-1"), START, null, null, false)).reason()).isEqualTo(Reason.HIDDEN);
        assertThat(refusal(new LinkItems(ItemId.of("globex:item-1"), ItemId.of("acme:item-2"), null, null)).reason())
                .isEqualTo(Reason.HIDDEN);
    }

    @Test
    void aUserOrAResourceOfAnotherTenantIsRefusedOnItsField() {
        CommandRejectedException booking = refusal(schedule("acme:item-1", "acme:cal",
                List.of(new ResourceBooking(ResourceId.of("acme:room"), ResourceRole.PRIMARY),
                        new ResourceBooking(ResourceId.of("globex:room"), ResourceRole.SECONDARY))));
        CommandRejectedException grant = refusal(new GrantCalendarAccess(CalendarId.of("acme:cal"), UserId.of("globex:gail"),
                CalendarRole.VIEWER, null, null));

        assertThat(booking.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.field()).isEqualTo("resources[1].resource_id");
            assertThat(violation.rule()).isEqualTo("tenant");
        });
        assertThat(grant.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.field()).isEqualTo("user_id");
            assertThat(violation.rule()).isEqualTo("tenant");
        });
    }

    @Test
    void aStaffOwnerOfAnotherTenantIsRefusedAsAGrantToThemIs() {
        CalendarDefinition owned = new CalendarDefinition("Sam's", null, CalendarType.STAFF, ZoneOffset.UTC, 1, OverbookingPolicy.ALLOW,
                new CalendarOwner("globex:sam", OwnerType.STAFF), ItemDurations.defaultsFor(CalendarType.STAFF));

        assertThat(refusal(new CreateCalendar(CalendarId.of("acme:sam"), owned)).violations()).singleElement().satisfies(violation -> {
            assertThat(violation.field()).isEqualTo("owner.id");
            assertThat(violation.rule()).isEqualTo("tenant");
        });
    }

    @Test
    void calendarsAndItemsNamedInTheBodyAreLeftToTheirHandlersWhichAnswerAsForUnknownOnes() {
        assertThatCode(() -> boundary.check(message(schedule("acme:item-1", "globex:cal", List.of())), caller(ACME), ACME))
                .doesNotThrowAnyException();
        assertThatCode(() -> boundary.check(message(new LinkItems(ItemId.of("acme:item-1"), ItemId.of("globex:item-2"), null, null)),
                caller(ACME), ACME)).doesNotThrowAnyException();
    }

    @Test
    void anOccurrenceOrAReminderIsItsRulesOrItemsWhoseIdIsChecked() {
        Object cancel = new CancelOccurrence(RuleId.of("acme:rule-1"), new OccurrenceRef(OccurrenceId.of(UUID.randomUUID().toString()), null),
                null, null);
        Object remind = new SetItemReminder(ItemId.of("acme:item-1"), ReminderId.of("rem-shift"), UserId.of("acme:alan"), 30, null, null);

        assertThatCode(() -> boundary.check(message(cancel), caller(ACME), ACME)).doesNotThrowAnyException();
        assertThatCode(() -> boundary.check(message(remind), caller(ACME), ACME)).doesNotThrowAnyException();
        assertThat(refusal(new CancelOccurrence(RuleId.of("globex:rule-1"), new OccurrenceRef(null, START), null, null)).reason())
                .isEqualTo(Reason.HIDDEN);
    }

    /** A run's id is mostly derived from its entry and names no tenant: the run's report is Run's to check, by its calendar. */
    @Test
    void aRunReportIsLeftToTheRunWhichChecksItsCalendarAndTheIdsItChose() {
        for (ReportRun report : List.of(
                new ReportRun(RunId.of(EntryKind.OCCURRENCE, "occ-1", 1), CalendarId.of("acme:jobs"), EntryKind.OCCURRENCE, "occ-1", 1,
                        RunStatus.STARTED, START, null, null),
                new ReportRun(RunId.of("globex:run-1"), CalendarId.of("globex:jobs"), EntryKind.ITEM, "globex:item-1", 1,
                        RunStatus.STARTED, START, null, null))) {
            assertThatCode(() -> boundary.check(message(report), caller(ACME), ACME)).doesNotThrowAnyException();
        }
    }

    @Test
    void aCommandWithoutATenantPassesAsBefore() throws Exception {
        CommandMessage<?> single = message(new ConfirmItem(ItemId.of("globex:item-1"), null));

        assertThat(CallerParameters.callerOf(single).tenant()).isNull();
        assertThat(TenantBoundary.idsOf(schedule("acme:item-1", "cal", List.of())))
                .extracting(TenantBoundary.Named::field).containsExactly("item_id", "calendar_id");
    }

    private CommandRejectedException refusal(Object command) {
        CommandMessage<?> message = message(command).andMetaData(new CommandMetadata("acme:alan", false, UngrantedCalendars.CLOSED,
                null, null, ACME, false).asMap());
        Caller caller = CallerParameters.callerOf(message);
        assertThat(caller.tenant()).isEqualTo(ACME);
        Throwable refused = catchThrowable(() -> boundary.check(message, caller, ACME));
        assertThat(refused).isInstanceOf(CommandRejectedException.class);
        return (CommandRejectedException) refused;
    }

    private static CommandMessage<?> message(Object command) {
        return GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of());
    }

    private static Caller caller(Tenant tenant) {
        return new Caller(UserId.of(tenant.qualify("alan")), false, UngrantedCalendars.CLOSED, tenant, false);
    }

    private static ScheduleItem schedule(String item, String calendar, List<ResourceBooking> resources) {
        return new ScheduleItem(ItemId.of(item), CalendarId.of(calendar), "Review", "meeting", START, START.plusSeconds(3600),
                ZoneOffset.UTC, Priority.NORMAL, List.of(), null, resources, Map.of(), ItemSource.MANUAL, List.of());
    }
}
