package dev.almanac.query.conflict;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.events.EntryKind;
import dev.almanac.events.Identifiers;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.calendar.ResourceCreated;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.calendar.ResourceMarkedUnavailable;
import dev.almanac.events.calendar.ResourceType;
import dev.almanac.events.conflict.ConflictBooking;
import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictEntryKind;
import dev.almanac.events.conflict.ConflictId;
import dev.almanac.events.conflict.ConflictLevel;
import dev.almanac.events.conflict.ConflictLink;
import dev.almanac.events.conflict.ConflictType;
import dev.almanac.events.conflict.ConflictingEntry;
import dev.almanac.events.conflict.LinkProblem;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.ItemSource;
import dev.almanac.events.schedule.Priority;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.events.schedule.ResourceRole;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;

/**
 * The kinds of conflict besides a calendar over its capacity, as query-service lists and shows
 * them and suggests how to resolve them: a resource booked from two calendars, a booking while the
 * resource is unavailable, and an SCH-022 warning.
 */
@QueryApiTest
class ConflictKindsApiTest extends ReadModelApiTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final CalendarId WEDDINGS = CalendarId.of("cal-weddings");
    private static final CalendarId GALAS = CalendarId.of("cal-galas");
    private static final ResourceId HALL = ResourceId.of("res-hall");

    @BeforeEach
    void fixedClock() {
        clock.pin(NOW);
    }

    private final ConflictDetected doubleBooking = new ConflictDetected(
            ConflictId.of(Identifiers.derive("resource-conflict", HALL.value(), "item:item-gala", "item:item-wedding")), GALAS,
            ConflictType.VENUE_CONFLICT, ConflictLevel.CRITICAL, at("17:00"), at("18:00"), 1, 2,
            List.of(entry("item-gala", "Gala", "17:00", "20:00"), entry("item-wedding", "Wedding", "15:00", "18:00")),
            HALL, ResourceType.VENUE, List.of(new ConflictBooking(EntryKind.ITEM, "item-gala", GALAS, ResourceRole.SECONDARY),
            new ConflictBooking(EntryKind.ITEM, "item-wedding", WEDDINGS, ResourceRole.PRIMARY)));

    @Test
    void aResourceConflictShowsItsResourceAndBookingsAndIsListedByTheResourceAndByEveryCalendarItBooksFrom() {
        readModels.given(doubleBooking);

        client.get().uri("/api/v1/conflicts/{id}", doubleBooking.conflictId().value())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.type").isEqualTo("venue_conflict")
                .jsonPath("$.level").isEqualTo("critical")
                .jsonPath("$.calendar_id").isEqualTo(GALAS.value())
                .jsonPath("$.resource_id").isEqualTo(HALL.value())
                .jsonPath("$.resource_type").isEqualTo("venue")
                .jsonPath("$.bookings.length()").isEqualTo(2)
                .jsonPath("$.bookings[1].entry_id").isEqualTo("item-wedding")
                .jsonPath("$.bookings[1].calendar_id").isEqualTo(WEDDINGS.value())
                .jsonPath("$.bookings[1].role").isEqualTo("primary")
                .jsonPath("$.bookings[1].kind").isEqualTo("item");
        for (String query : List.of("resource_id=res-hall", "calendar_id=cal-weddings", "calendar_id=cal-galas", "status=detected")) {
            client.get().uri("/api/v1/conflicts?" + query)
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.conflicts.length()").isEqualTo(1)
                    .jsonPath("$.conflicts[0].id").isEqualTo(doubleBooking.conflictId().value())
                    .jsonPath("$.conflicts[0].resource_id").isEqualTo(HALL.value());
        }
        client.get().uri("/api/v1/conflicts?resource_id=res-other").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.conflicts.length()").isEqualTo(0);
    }

    @Test
    void aClearedResourceConflictLeavesTheResourcesListOfDetectedConflicts() {
        readModels.given(doubleBooking, new ConflictCleared(doubleBooking.conflictId(), GALAS,
                "resource res-hall is no longer booked twice at once, after item item-gala was cancelled"));

        client.get().uri("/api/v1/conflicts?resource_id=res-hall&status=detected").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.conflicts.length()").isEqualTo(0);
        client.get().uri("/api/v1/conflicts?resource_id=res-hall&status=cleared").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.conflicts[0].cleared_reason").isEqualTo(
                        "resource res-hall is no longer booked twice at once, after item item-gala was cancelled");
    }

    @Test
    void aCalendarAndAResourceTogetherAreRefused() {
        client.get().uri("/api/v1/conflicts?calendar_id=cal-galas&resource_id=res-hall").exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("resource_id")
                .jsonPath("$.errors[0].rule").isEqualTo("one_of");
        client.get().uri("/api/v1/conflicts?resource_id=bad id!").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("resource_id");
    }

    /**
     * The gala [17:00, 20:00) and the wedding [15:00, 18:00) book the hall, which is unavailable from
     * midnight to 02:00; each calendar has room. The search starts at the conflict's start, 17:00, and
     * a slot keeps 15 minutes clear of the other booking and of the unavailable range on both sides,
     * on the 30-minute grid: the gala goes to 18:30, after the wedding; the wedding to 20:30, after
     * the gala, and then not before 02:30, after the range.
     */
    @Test
    void aResourceConflictSuggestsSlotsWhereTheCalendarHasRoomAndTheResourceIsFreeAndAvailable() {
        readModels.given(calendar(WEDDINGS, 1), calendar(GALAS, 1),
                new ResourceCreated(HALL, "Hall", ResourceType.VENUE, UTC, null),
                new ResourceMarkedUnavailable(HALL, at("24:00"), at("26:00"), "Cleaning"),
                booking("item-wedding", WEDDINGS, "Wedding", "15:00", "18:00"),
                booking("item-gala", GALAS, "Gala", "17:00", "20:00"),
                doubleBooking);

        client.get().uri("/api/v1/conflicts/{id}/suggestions", doubleBooking.conflictId().value())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.suggestions.length()").isEqualTo(6)
                .jsonPath("$.suggestions[0].entry_id").isEqualTo("item-gala")
                .jsonPath("$.suggestions[0].to.start").isEqualTo("2026-12-01T18:30:00Z")
                .jsonPath("$.suggestions[0].effect").isEqualTo("clears")
                .jsonPath("$.suggestions[0].description").isEqualTo(
                        "Move 'Gala' to 2026-12-01T18:30:00Z, when resource res-hall is free; the conflict clears")
                .jsonPath("$.suggestions[3].entry_id").isEqualTo("item-wedding")
                .jsonPath("$.suggestions[3].to.start").isEqualTo("2026-12-01T20:30:00Z")
                .jsonPath("$.suggestions[4].to.start").isEqualTo("2026-12-02T02:30:00Z");
    }

    /**
     * ann manages the weddings and only views the galas: each suggestion offers the reschedule that makes it, body
     * complete, where she may move the item, and nothing where she may not. With the clock 90 minutes before the
     * gala, a scheduler of the galas may no longer move it (SCH-005), and is offered nothing.
     */
    @Test
    void aSuggestionOffersTheRescheduleThatMakesItToWhoMayMoveTheItem() {
        readModels.given(calendar(WEDDINGS, 1), calendar(GALAS, 1),
                new CalendarAccessGranted(WEDDINGS, UserId.of("ann"), CalendarRole.MANAGER, null),
                new CalendarAccessGranted(GALAS, UserId.of("ann"), CalendarRole.VIEWER, null),
                new CalendarAccessGranted(GALAS, UserId.of("sam"), CalendarRole.SCHEDULER, null),
                new ResourceCreated(HALL, "Hall", ResourceType.VENUE, UTC, null),
                booking("item-wedding", WEDDINGS, "Wedding", "15:00", "18:00"),
                booking("item-gala", GALAS, "Gala", "17:00", "20:00"),
                doubleBooking);
        String uri = "/api/v1/conflicts/" + doubleBooking.conflictId().value() + "/suggestions";

        client.get().uri(uri).header("X-Almanac-User", "ann")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.suggestions.length()").isEqualTo(6)
                .jsonPath("$.suggestions[0].entry_id").isEqualTo("item-gala")
                .jsonPath("$.suggestions[0].actions.length()").isEqualTo(0)
                .jsonPath("$.suggestions[2].actions.length()").isEqualTo(0)
                .jsonPath("$.suggestions[3].entry_id").isEqualTo("item-wedding")
                .jsonPath("$.suggestions[3].actions.length()").isEqualTo(1)
                .jsonPath("$.suggestions[3].actions[0].name").isEqualTo("reschedule")
                .jsonPath("$.suggestions[3].actions[0].method").isEqualTo("POST")
                .jsonPath("$.suggestions[3].actions[0].path").isEqualTo("/api/v1/schedules/item-wedding/reschedule")
                .jsonPath("$.suggestions[5].actions[0].path").isEqualTo("/api/v1/schedules/item-wedding/reschedule")
                .jsonPath("$.suggestions[3].actions[0].body.new_time").isEqualTo("2026-12-01T20:30:00Z")
                .jsonPath("$.suggestions[3].calendar_id").doesNotExist()
                .jsonPath("$.suggestions[3].actions[0].body.reason").value(reason ->
                        org.assertj.core.api.Assertions.assertThat((String) reason).startsWith("Conflict " + doubleBooking.conflictId().value()));
        client.get().uri(uri).header("X-Almanac-User", "sam")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.suggestions[0].entry_id").isEqualTo("item-gala")
                .jsonPath("$.suggestions[0].actions[0].name").isEqualTo("reschedule");

        clock.pin(at("15:30"));
        client.get().uri(uri).header("X-Almanac-User", "sam")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.suggestions[0].entry_id").isEqualTo("item-gala")
                .jsonPath("$.suggestions[0].actions.length()").isEqualTo(0);
    }

    @Test
    void aBookingWhileTheResourceIsUnavailableIsShownWithTheRangeAndMovesClearIt() {
        ConflictDetected unavailable = new ConflictDetected(
                ConflictId.of(Identifiers.derive("resource-unavailable", HALL.value(), "item:item-gala")), GALAS,
                ConflictType.RESOURCE_UNAVAILABLE, ConflictLevel.CRITICAL, at("17:00"), at("18:00"), 1, 2,
                List.of(entry("item-gala", "Gala", "16:00", "18:00"),
                        new ConflictingEntry(ConflictEntryKind.UNAVAILABILITY, at("17:00").toString(), "Cleaning", at("17:00"),
                                at("19:00"))),
                HALL, ResourceType.VENUE, List.of(new ConflictBooking(EntryKind.ITEM, "item-gala", GALAS, ResourceRole.PRIMARY)));
        readModels.given(calendar(GALAS, 1), new ResourceCreated(HALL, "Hall", ResourceType.VENUE, UTC, null),
                new ResourceMarkedUnavailable(HALL, at("17:00"), at("19:00"), "Cleaning"),
                booking("item-gala", GALAS, "Gala", "16:00", "18:00"), unavailable);

        client.get().uri("/api/v1/conflicts/{id}", unavailable.conflictId().value())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.type").isEqualTo("resource_unavailable")
                .jsonPath("$.entries[1].kind").isEqualTo("unavailability")
                .jsonPath("$.entries[1].title").isEqualTo("Cleaning");
        client.get().uri("/api/v1/conflicts/{id}/suggestions", unavailable.conflictId().value())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.suggestions.length()").isEqualTo(3)
                // After the range and its 15-minute buffer, on the 30-minute grid.
                .jsonPath("$.suggestions[0].to.start").isEqualTo("2026-12-01T19:30:00Z")
                .jsonPath("$.suggestions[0].effect").isEqualTo("clears");
    }

    /**
     * A department of capacity 5 holds a, b, c and d from 10:00 to 11:00: 4 of 5, a warning. Moving
     * one clears it (3 of 5), to a slot where the calendar holds at most 2, so that it does not warn there.
     */
    @Test
    void aCapacityWarningSuggestsSlotsWhereTheCalendarStaysUnderEightyPercent() {
        CalendarId department = CalendarId.of("cal-department");
        List<ConflictingEntry> entries = List.of(entry("a", "A", "10:00", "11:00"), entry("b", "B", "10:00", "11:00"),
                entry("c", "C", "10:00", "11:00"), entry("d", "D", "10:00", "11:00"));
        ConflictDetected warning = new ConflictDetected(ConflictId.of(Identifiers.derive("capacity-warning", department.value(),
                "item:a", "item:b", "item:c", "item:d")), department, ConflictType.CAPACITY_WARNING, ConflictLevel.MINOR, at("10:00"),
                at("11:00"), 5, 4, entries);
        readModels.given(calendar(department, 5), item("a", department, "10:00", "11:00"), item("b", department, "10:00", "11:00"),
                item("c", department, "10:00", "11:00"), item("d", department, "10:00", "11:00"),
                item("x", department, "11:00", "14:00"), item("y", department, "11:00", "14:00"),
                item("z", department, "11:00", "14:00"), warning);

        client.get().uri("/api/v1/conflicts/{id}/suggestions", warning.conflictId().value())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.suggestions.length()").isEqualTo(12)
                .jsonPath("$.suggestions[0].entry_id").isEqualTo("a")
                .jsonPath("$.suggestions[0].effect").isEqualTo("clears")
                // 10:00 to 14:00 holds 3 without a: a fourth would warn, so after 14:00 and the buffer, 14:30 on the grid.
                .jsonPath("$.suggestions[0].to.start").isEqualTo("2026-12-01T14:30:00Z");
    }

    /**
     * A primary on one calendar whose follower, on another, no longer starts the link's two hours after it: shown with
     * the pair, listed under both calendars, and without slot suggestions, a move of the follower alone being refused.
     */
    @Test
    void anOrphanedLinkShowsThePairAndIsListedByBothCalendarsWithoutSlotSuggestions() {
        CalendarId core = CalendarId.of("cal-core");
        CalendarId supervisors = CalendarId.of("cal-supervisors");
        ConflictDetected orphan = new ConflictDetected(ConflictId.of(Identifiers.derive("orphaned-link", "item-core", "item-super")), core,
                ConflictType.ORPHANED_LINK, ConflictLevel.SEVERE, at("12:00"), at("16:00"), 1, 2,
                List.of(entry("item-core", "Core visit", "14:00", "16:00"), entry("item-super", "Supervisor visit", "12:00", "13:00")),
                null, null, List.of(), new ConflictLink(ItemId.of("item-core"), core, ItemId.of("item-super"), supervisors, 7_200,
                LinkProblem.OFFSET_BROKEN));
        readModels.given(calendar(core, 1), calendar(supervisors, 1), item("item-core", core, "14:00", "16:00"),
                item("item-super", supervisors, "12:00", "13:00"), orphan);

        client.get().uri("/api/v1/conflicts/{id}", orphan.conflictId().value())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.type").isEqualTo("orphaned_link")
                .jsonPath("$.level").isEqualTo("severe")
                .jsonPath("$.calendar_id").isEqualTo(core.value())
                .jsonPath("$.link.primary_id").isEqualTo("item-core")
                .jsonPath("$.link.follower_id").isEqualTo("item-super")
                .jsonPath("$.link.follower_calendar_id").isEqualTo(supervisors.value())
                .jsonPath("$.link.offset_seconds").isEqualTo(7_200)
                .jsonPath("$.link.problem").isEqualTo("offset_broken")
                .jsonPath("$.entries[1].entry_id").isEqualTo("item-super");
        for (String query : List.of("calendar_id=cal-core", "calendar_id=cal-supervisors", "status=detected")) {
            client.get().uri("/api/v1/conflicts?" + query)
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.conflicts.length()").isEqualTo(1)
                    .jsonPath("$.conflicts[0].id").isEqualTo(orphan.conflictId().value())
                    .jsonPath("$.conflicts[0].link.problem").isEqualTo("offset_broken");
        }
        client.get().uri("/api/v1/conflicts/{id}/suggestions", orphan.conflictId().value())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.suggestions.length()").isEqualTo(0);
    }

    /** A time on 1 December 2026; hours from 24 on are the next day's. */
    private static Instant at(String time) {
        int hours = Integer.parseInt(time.substring(0, 2));
        return Instant.parse("2026-12-01T00:" + time.substring(3) + ":00Z").plusSeconds(3600L * hours);
    }

    private static ConflictingEntry entry(String id, String title, String start, String end) {
        return new ConflictingEntry(ConflictEntryKind.ITEM, id, title, at(start), at(end));
    }

    private static CalendarCreated calendar(CalendarId id, int capacity) {
        return new CalendarCreated(id, "Calendar " + id, CalendarType.DEPARTMENT, UTC, capacity, OverbookingPolicy.ALLOW);
    }

    private static ItemScheduled item(String id, CalendarId calendar, String start, String end) {
        return new ItemScheduled(ItemId.of(id), calendar, "Item " + id, "meeting", at(start), at(end), UTC, Priority.NORMAL, List.of());
    }

    private static ItemScheduled booking(String id, CalendarId calendar, String title, String start, String end) {
        return new ItemScheduled(ItemId.of(id), calendar, title, "meeting", at(start), at(end), UTC, Priority.NORMAL, List.of(), null,
                List.of(new ResourceBooking(HALL, ResourceRole.PRIMARY)), Map.of(), ItemSource.MANUAL);
    }
}
