package dev.almanac.conflicts.intake;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.conflicts.detection.Entry;
import dev.almanac.conflicts.detection.EntryKey;
import dev.almanac.conflicts.lifecycle.ConflictTracker;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarEvent;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.occurrence.OccurrenceEvent;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.ScheduleEvent;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.consumer.EventDecider;
import dev.almanac.platform.kafka.PoisonMessageException;
import dev.almanac.platform.kafka.ReceivedEvent;

/**
 * conflict-detector's decision for every event type of the topics it reads: the conflict work
 * each fact causes. A fact that can never be applied, such as an interval that ends before it
 * starts, is poison and goes to the dead-letter topic.
 */
@Component
public class FactRouter implements CalendarEvent.Handler<Decision<Mono<Void>>>, ScheduleEvent.Handler<Decision<Mono<Void>>>,
        OccurrenceEvent.Handler<Decision<Mono<Void>>> {

    private final ConflictTracker tracker;
    private final EventDecider<Mono<Void>> decider;

    public FactRouter(ConflictTracker tracker) {
        this.tracker = tracker;
        this.decider = EventDecider.of("conflict-detector", this);
    }

    public EventDecider<Mono<Void>> decider() {
        return decider;
    }

    /**
     * @return the work to do, not yet started; empty when the type is deliberately ignored
     * @throws PoisonMessageException when the fact is malformed beyond what its schema checks, or has no decision
     */
    public Mono<Void> route(ReceivedEvent received) {
        return decider.decide(received) instanceof Decision.Handle<Mono<Void>> handle ? handle.work() : Mono.empty();
    }

    @Override
    public Decision<Mono<Void>> on(CalendarCreated created, EventMetadata envelope) {
        if (created.capacity() < 1) {
            throw new PoisonMessageException("calendar " + created.calendarId() + " has capacity "
                    + created.capacity() + ", but capacity must be at least 1");
        }
        return Decision.handle(Mono.defer(() -> tracker.calendarCreated(envelope, created)));
    }

    @Override
    public Decision<Mono<Void>> on(ItemScheduled scheduled, EventMetadata envelope) {
        Entry entry = new Entry(EntryKey.item(scheduled.itemId().value()), scheduled.title(),
                interval(scheduled.start(), scheduled.end(), "item " + scheduled.itemId()));
        return Decision.handle(Mono.defer(() -> tracker.entryPlaced(envelope, scheduled.calendarId(), entry)));
    }

    @Override
    public Decision<Mono<Void>> on(ItemRescheduled rescheduled, EventMetadata envelope) {
        String what = "item " + rescheduled.itemId();
        TimeRange from = interval(rescheduled.previousStart(), rescheduled.previousEnd(), what + " (previous)");
        TimeRange to = interval(rescheduled.start(), rescheduled.end(), what);
        return Decision.handle(Mono.defer(() -> tracker.entryMoved(envelope, rescheduled.calendarId(),
                EntryKey.item(rescheduled.itemId().value()), from, to)));
    }

    @Override
    public Decision<Mono<Void>> on(OccurrenceMaterialized occurrence, EventMetadata envelope) {
        Entry entry = new Entry(EntryKey.occurrence(occurrence.occurrenceId().value()), occurrence.title(),
                interval(occurrence.start(), occurrence.end(), "occurrence " + occurrence.occurrenceId()));
        return Decision.handle(Mono.defer(() -> tracker.entryPlaced(envelope, occurrence.calendarId(), entry)));
    }

    /** Kept to the millisecond, the precision the store keeps, so that what is stored is what was checked. */
    private static TimeRange interval(Instant start, Instant end, String what) {
        Instant from = start.truncatedTo(ChronoUnit.MILLIS);
        Instant to = end.truncatedTo(ChronoUnit.MILLIS);
        if (!from.isBefore(to)) {
            throw new PoisonMessageException(what + " ends at " + end + ", which is not after its start " + start);
        }
        return new TimeRange(from, to);
    }
}
