package dev.almanac.conflicts.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.conflicts.calendar.CalendarStore;
import dev.almanac.conflicts.detection.Entry;
import dev.almanac.conflicts.detection.EntryKey;
import dev.almanac.conflicts.entry.EntryStore;
import dev.almanac.conflicts.lifecycle.ConflictMetrics;
import dev.almanac.conflicts.lifecycle.ConflictStore;
import dev.almanac.conflicts.lifecycle.ConflictTracker;
import dev.almanac.conflicts.testing.RecordingPublisher;
import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EventCatalog;
import dev.almanac.events.EventSamples;
import dev.almanac.events.EventType;
import dev.almanac.events.TimeRange;
import dev.almanac.events.Topics;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.kafka.PoisonMessageException;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.platform.testing.ConsumerContract;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.platform.testing.WireSamples;

/** The facts conflict-detector reads; the catalogue walk reads the wire samples its producers' tests write. */
class FactRouterTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final RecordingPublisher publisher = new RecordingPublisher();
    private EntryStore entries;
    private FactRouter router;

    @BeforeEach
    void freshStores() {
        MongoDatabase database = InMemoryMongo.freshDatabase();
        entries = new EntryStore(database);
        router = new FactRouter(new ConflictTracker(new CalendarStore(database), entries, new ConflictStore(database),
                publisher, new ConflictMetrics(new SimpleMeterRegistry())));
    }

    @Test
    void aScheduledItemIsPlacedOnItsCalendar() {
        ItemScheduled scheduled = EventSamples.itemScheduled();

        route(scheduled, 0);

        assertThat(entries.find(EntryKey.item(scheduled.itemId().value())).block(TIMEOUT)).isEqualTo(new Entry(
                EntryKey.item("item-review"), "Quarterly review", new TimeRange(scheduled.start(), scheduled.end())));
    }

    @Test
    void aRescheduledItemMovesToItsNewTime() {
        route(EventSamples.itemScheduled(), 0);
        ItemRescheduled rescheduled = EventSamples.itemRescheduled();

        route(rescheduled, 1);

        assertThat(entries.find(EntryKey.item("item-review")).block(TIMEOUT))
                .extracting(Entry::time).isEqualTo(new TimeRange(rescheduled.start(), rescheduled.end()));
    }

    @Test
    void aMaterialisedOccurrenceClashesWithAnItemOnTheSameCalendar() {
        route(EventSamples.calendarCreated(), 0);
        OccurrenceMaterialized occurrence = EventSamples.occurrenceMaterialized();
        route(new ItemScheduled(EventSamples.GALA, occurrence.calendarId(), "Gala", "event", occurrence.start().minusSeconds(600),
                occurrence.end(), EventSamples.NEW_YORK, EventSamples.itemScheduled().priority(), List.of()), 0);

        route(occurrence, 0);

        assertThat(publisher.events()).singleElement().isInstanceOfSatisfying(ConflictDetected.class, detected ->
                assertThat(detected.entries()).extracting(entry -> entry.kind() + ":" + entry.entryId())
                        .containsExactly("ITEM:item-gala", "OCCURRENCE:" + occurrence.occurrenceId().value()));
    }

    @Test
    void instantsAreKeptToTheMillisecondTheStoreHolds() {
        ItemScheduled sample = EventSamples.itemScheduled();
        ItemScheduled precise = new ItemScheduled(sample.itemId(), sample.calendarId(), sample.title(), sample.type(),
                sample.start().plusNanos(1_500_000), sample.end().plusNanos(999_999), sample.timezone(), sample.priority(),
                sample.tags());

        route(precise, 0);

        assertThat(entries.find(EntryKey.item("item-review")).block(TIMEOUT)).extracting(Entry::time)
                .isEqualTo(new TimeRange(sample.start().plusMillis(1), sample.end()));
    }

    @Test
    void anItemThatEndsBeforeItStartsIsPoison() {
        ItemScheduled sample = EventSamples.itemScheduled();
        ItemScheduled backwards = new ItemScheduled(sample.itemId(), sample.calendarId(), sample.title(), sample.type(),
                sample.end(), sample.start(), sample.timezone(), sample.priority(), sample.tags());

        assertThatThrownBy(() -> route(backwards, 0)).isInstanceOf(PoisonMessageException.class)
                .hasMessageContaining("item item-review ends at");
    }

    @Test
    void aCalendarWithoutCapacityIsPoison() {
        CalendarCreated sample = EventSamples.calendarCreated();
        CalendarCreated empty = new CalendarCreated(sample.calendarId(), sample.name(), sample.type(), sample.timezone(), 0,
                sample.overbookingPolicy());

        assertThatThrownBy(() -> route(empty, 0)).isInstanceOf(PoisonMessageException.class)
                .hasMessageContaining("capacity must be at least 1");
    }

    /** The catalogue walk, on the wire samples: each type of the three topics is decided, and each decision runs. */
    @Test
    void decidesAndAppliesEveryTypeOfTheTopicsItReads() {
        var decisions = ConsumerContract.assertDecidesEveryType(router.decider());

        assertThat(router.decider().topics()).containsExactlyInAnyOrder(Topics.CALENDARS, Topics.SCHEDULE, Topics.OCCURRENCES);
        assertThat(decisions).allSatisfy((type, decision) -> assertThat(decision).isInstanceOf(Decision.Handle.class));
        for (EventType type : EventCatalog.all()) {
            if (router.decider().reads(type.topic())) {
                router.route(WireSamples.received(type)).block(TIMEOUT);
            }
        }
        ItemRescheduled moved = (ItemRescheduled) WireSamples.received(ItemRescheduled.class).event();
        assertThat(entries.find(EntryKey.item(moved.itemId().value())).block(TIMEOUT))
                .extracting(Entry::time).isEqualTo(new TimeRange(moved.start(), moved.end()));
    }

    @Test
    void aFactOfATopicItDoesNotReadIsPoisonWithTheReasonNotSkipped() {
        assertThatThrownBy(() -> route(EventSamples.ruleCreated(), 0)).isInstanceOf(PoisonMessageException.class)
                .hasMessage("conflict-detector has no decision for RuleCreated: it does not read the topic of that event");
        assertThat(publisher.published()).isEmpty();
    }

    private void route(AlmanacEvent event, long version) {
        EventMetadata metadata = new EventMetadata("evt-" + event.subject() + "-" + version, EventCatalog.of(event).ceType(),
                "/almanac/test", Instant.parse("2026-11-21T10:00:00Z"), event.subject(), version, "planner@example.com",
                "corr-1", null);
        router.route(new ReceivedEvent(metadata, event)).block(TIMEOUT);
    }
}
