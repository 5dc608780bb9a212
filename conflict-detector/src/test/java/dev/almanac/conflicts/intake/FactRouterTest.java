package dev.almanac.conflicts.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.almanac.conflicts.detection.CalendarProfile;
import dev.almanac.conflicts.detection.Entry;
import dev.almanac.conflicts.detection.EntryKey;
import dev.almanac.conflicts.entry.StoredEntry;
import dev.almanac.conflicts.lifecycle.Fact;
import dev.almanac.conflicts.testing.InMemoryState;
import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EventSamples;
import dev.almanac.events.TimeRange;
import dev.almanac.events.Topics;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarDeactivated;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.CalendarUpdated;
import dev.almanac.events.calendar.ResourceCreated;
import dev.almanac.events.calendar.ResourceMarkedAvailable;
import dev.almanac.events.calendar.ResourceMarkedUnavailable;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.catalog.EventType;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.occurrence.OccurrenceMissed;
import dev.almanac.events.occurrence.OccurrenceRetracted;
import dev.almanac.events.schedule.AttachmentAdded;
import dev.almanac.events.schedule.AttachmentRemoved;
import dev.almanac.events.schedule.ItemCancelled;
import dev.almanac.events.schedule.ItemConfirmed;
import dev.almanac.events.schedule.ItemLinked;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemRestored;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.ItemUnconfirmed;
import dev.almanac.events.schedule.ItemUnlinked;
import dev.almanac.events.schedule.LinkedChange;
import dev.almanac.events.schedule.ItemReminderRemoved;
import dev.almanac.events.schedule.ItemUpdated;
import dev.almanac.events.calendar.CalendarDeleted;
import dev.almanac.events.schedule.ItemReminderSet;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.kafka.PoisonMessageException;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.platform.testing.ConsumerContract;
import dev.almanac.platform.testing.WireSamples;

/** The facts conflict-detector reads; the catalogue walk reads the wire samples its producers' tests write. */
class FactRouterTest {

    private final FactRouter router = new FactRouter();

    @Test
    void aCreatedCalendarArrivesWithItsCapacityTypeAndVersion() {
        CalendarCreated created = EventSamples.calendarCreated();

        assertThat(decide(created, 2)).isEqualTo(new Fact.CalendarArrived(
                new CalendarProfile(created.calendarId(), CalendarType.VENUE, created.capacity()), 2));
    }

    @Test
    void anUpdatedCalendarArrivesAgainWithItsNewCapacity() {
        CalendarUpdated updated = EventSamples.calendarUpdated();

        assertThat(decide(updated, 3)).isEqualTo(new Fact.CalendarArrived(
                new CalendarProfile(updated.calendarId(), CalendarType.VENUE, 2), updated.owner(), 3));
    }

    @Test
    void aGrantAndItsRevocationChangeWhoMayManageTheCalendarsConflicts() {
        assertThat(decide(EventSamples.calendarAccessGranted(), 3)).isEqualTo(new Fact.AccessChanged(EventSamples.BALLROOM,
                EventSamples.ALICE, CalendarRole.SCHEDULER, 3));
        assertThat(decide(EventSamples.calendarAccessRevoked(), 4)).isEqualTo(new Fact.AccessChanged(EventSamples.BALLROOM,
                EventSamples.ALICE, null, 4));
    }

    @Test
    void aScheduledItemIsPlacedOnItsCalendar() {
        ItemScheduled scheduled = EventSamples.itemScheduled();

        assertThat(decide(scheduled, 0)).isEqualTo(new Fact.EntryPlaced(scheduled.calendarId(), new Entry(
                EntryKey.item("item-review"), "Quarterly review", new TimeRange(scheduled.start(), scheduled.end())),
                scheduled.resources(), 0));
        assertThat(scheduled.resources()).as("the sample books resources").isNotEmpty();
    }

    @Test
    void aRescheduledItemMovesFromWhereItWasToItsNewTime() {
        ItemRescheduled rescheduled = EventSamples.itemRescheduled();

        assertThat(decide(rescheduled, 1)).isEqualTo(new Fact.EntryMoved(rescheduled.calendarId(),
                EntryKey.item(rescheduled.itemId().value()), new TimeRange(rescheduled.previousStart(), rescheduled.previousEnd()),
                new TimeRange(rescheduled.start(), rescheduled.end()), 1, List.of()));
    }

    @Test
    void aCancelledItemIsWithdrawnFromTheSlotItHeld() {
        ItemCancelled cancelled = EventSamples.itemCancelled();

        assertThat(decide(cancelled, 3)).isEqualTo(new Fact.EntryWithdrawn(cancelled.calendarId(),
                EntryKey.item(cancelled.itemId().value()), new TimeRange(cancelled.start(), cancelled.end()), 3, List.of()));
    }

    @Test
    void aLinkTellsThePairItsSideAndWhatElseItsTransactionChanged() {
        ItemLinked linked = EventSamples.itemLinked();

        assertThat(decide(linked, 5)).isEqualTo(new Fact.LinkChanged(linked.calendarId(), linked.itemId(), linked.role(),
                linked.linkedItemId(), linked.linkedCalendarId(), true, linked.offsetSeconds(),
                new TimeRange(linked.start(), linked.end()), 5, List.of(new LinkedChange(EventSamples.GALA, 4))));
    }

    @Test
    void anEndedLinkTellsThePairItsSideAndWhatElseItsTransactionChanged() {
        ItemUnlinked unlinked = EventSamples.itemUnlinked();

        assertThat(decide(unlinked, 6)).isEqualTo(new Fact.LinkChanged(unlinked.calendarId(), unlinked.itemId(), unlinked.role(),
                unlinked.linkedItemId(), null, false, null, new TimeRange(unlinked.start(), unlinked.end()), 6,
                List.of(new LinkedChange(EventSamples.GALA, 5))));
    }

    @Test
    void aRetractedOccurrenceIsWithdrawnFromTheSlotItHeldAtTheRetractingRuleVersion() {
        OccurrenceRetracted retracted = EventSamples.occurrenceRetracted();

        assertThat(decide(retracted, 1)).isEqualTo(new Fact.EntryWithdrawn(retracted.calendarId(),
                EntryKey.occurrence(retracted.occurrenceId().value()), new TimeRange(retracted.start(), retracted.end()), 1));
    }

    @Test
    void aMaterialisedOccurrenceIsPlacedAtItsRuleVersionBookingItsRulesResources() {
        OccurrenceMaterialized occurrence = EventSamples.occurrenceMaterialized();
        assertThat(occurrence.resources()).isNotEmpty();

        assertThat(decide(occurrence, 4)).isEqualTo(new Fact.EntryPlaced(occurrence.calendarId(), Entry.occurrence(
                occurrence.occurrenceId().value(), occurrence.ruleId().value(), occurrence.title(),
                new TimeRange(occurrence.start(), occurrence.end())), occurrence.resources(), 4));
    }

    @Test
    void instantsAreKeptToTheMillisecondTheStoresHold() {
        ItemScheduled sample = EventSamples.itemScheduled();
        ItemScheduled precise = new ItemScheduled(sample.itemId(), sample.calendarId(), sample.title(), sample.type(),
                sample.start().plusNanos(1_500_000), sample.end().plusNanos(999_999), sample.timezone(), sample.priority(),
                sample.tags());

        assertThat(((Fact.EntryPlaced) decide(precise, 0)).entry().time())
                .isEqualTo(new TimeRange(sample.start().plusMillis(1), sample.end()));
    }

    @Test
    void anItemThatEndsBeforeItStartsIsPoison() {
        ItemScheduled sample = EventSamples.itemScheduled();
        ItemScheduled backwards = new ItemScheduled(sample.itemId(), sample.calendarId(), sample.title(), sample.type(),
                sample.end(), sample.start(), sample.timezone(), sample.priority(), sample.tags());

        assertThatThrownBy(() -> decide(backwards, 0)).isInstanceOf(PoisonMessageException.class)
                .hasMessageContaining("item item-review ends at");
    }

    @Test
    void anItemBeyondTheMillisecondsAnInstantCanHoldIsPoison() {
        ItemScheduled sample = EventSamples.itemScheduled();
        ItemScheduled distant = new ItemScheduled(sample.itemId(), sample.calendarId(), sample.title(), sample.type(),
                Instant.MAX.minusSeconds(3600), Instant.MAX, sample.timezone(), sample.priority(), sample.tags());

        assertThatThrownBy(() -> decide(distant, 0)).isInstanceOf(PoisonMessageException.class)
                .hasMessageContaining("beyond the instants conflict detection can store");
    }

    @Test
    void aCalendarWithoutCapacityIsPoison() {
        CalendarCreated sample = EventSamples.calendarCreated();
        CalendarCreated empty = new CalendarCreated(sample.calendarId(), sample.name(), sample.type(), sample.timezone(), 0,
                sample.overbookingPolicy());

        assertThatThrownBy(() -> decide(empty, 0)).isInstanceOf(PoisonMessageException.class)
                .hasMessageContaining("capacity must be at least 1");
    }

    /** The catalogue walk, on the wire samples: each type of the three topics is decided, and each decision applies. */
    @Test
    void decidesAndAppliesEveryTypeOfTheTopicsItReads() {
        var decisions = ConsumerContract.assertDecidesEveryType(router.decider());

        assertThat(router.decider().topics()).containsExactlyInAnyOrder(Topics.CALENDARS, Topics.SCHEDULE, Topics.OCCURRENCES,
                Topics.MISSED_RUNS);
        // A follower's move with its primary is its own ItemRescheduled: attachments move nothing, and links are handled only
        // to tell their pairs (ADR 0061).
        Set<Class<?>> ignored = Set.of(ItemConfirmed.class, ItemUnconfirmed.class, CalendarDeactivated.class,
                AttachmentAdded.class, AttachmentRemoved.class, OccurrenceMissed.class, ItemReminderSet.class, ItemReminderRemoved.class,
                ItemUpdated.class, CalendarDeleted.class);
        assertThat(decisions).allSatisfy((type, decision) -> assertThat(decision).isInstanceOf(
                ignored.contains(EventCatalog.byCeType(type).orElseThrow().javaType()) ? Decision.Ignore.class : Decision.Handle.class));
        PartitionState state = InMemoryState.fresh();
        ItemRescheduled moved = (ItemRescheduled) WireSamples.received(ItemRescheduled.class).event();
        for (EventType type : EventCatalog.all()) {
            if (router.decider().reads(type.topic()) && !ignored.contains(type.javaType())) {
                ConsumerContract.handled(router.decide(WireSamples.received(type))).applyTo(state.trackers());
                state.commit();
            }
            if (type.javaType() == ItemRescheduled.class) {
                assertThat(state.entries().find(EntryKey.item(moved.itemId().value()))).map(StoredEntry::entry).map(Entry::time)
                        .contains(new TimeRange(moved.start(), moved.end()));
            }
        }
        // The item samples end with its cancellation undone: it holds its place again, where it was.
        ItemRestored restored = (ItemRestored) WireSamples.received(ItemRestored.class).event();
        assertThat(state.entries().find(EntryKey.item(moved.itemId().value()))).hasValueSatisfying(stored -> {
            assertThat(stored.withdrawn()).isFalse();
            assertThat(stored.entry().time()).isEqualTo(new TimeRange(restored.start(), restored.end()));
        });
        // And with the occurrence's retraction: it is withdrawn too.
        OccurrenceRetracted retracted = (OccurrenceRetracted) WireSamples.received(OccurrenceRetracted.class).event();
        assertThat(state.entries().find(EntryKey.occurrence(retracted.occurrenceId().value()))).hasValueSatisfying(stored ->
                assertThat(stored.withdrawn()).isTrue());
        assertThat(state.entries().onCalendar(retracted.calendarId())).extracting(Entry::key)
                .containsExactly(EntryKey.item(moved.itemId().value()));
    }

    @Test
    void aFactOfATopicItDoesNotReadIsPoisonWithTheReasonNotSkipped() {
        assertThatThrownBy(() -> decide(EventSamples.ruleCreated(), 0)).isInstanceOf(PoisonMessageException.class)
                .hasMessage("conflict-detector has no decision for RuleCreated: it does not read the topic of that event");
    }

    private Fact decide(AlmanacEvent event, long version) {
        EventMetadata metadata = new EventMetadata("evt-" + event.subject() + "-" + version, EventCatalog.of(event).ceType(),
                "/almanac/test", Instant.parse("2026-11-21T10:00:00Z"), event.subject(), version, "planner@example.com",
                "corr-1", null);
        return ConsumerContract.handled(router.decide(new ReceivedEvent(metadata, event)));
    }
}
