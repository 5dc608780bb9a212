package dev.almanac.conflicts.intake;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.conflicts.detection.Entry;
import dev.almanac.conflicts.detection.EntryKey;
import dev.almanac.conflicts.lifecycle.ConflictTracker;
import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.platform.kafka.PoisonMessageException;
import dev.almanac.platform.kafka.ReceivedEvent;

/**
 * Turns each consumed fact into the conflict work it causes. Facts conflict-detector has no
 * use for are skipped. A fact that can never be applied, such as an interval that ends
 * before it starts, is poison and goes to the dead-letter topic.
 */
@Component
public class FactRouter {

    private static final Logger log = LoggerFactory.getLogger(FactRouter.class);

    private final ConflictTracker tracker;

    public FactRouter(ConflictTracker tracker) {
        this.tracker = tracker;
    }

    /**
     * @return the work to do, not yet started
     * @throws PoisonMessageException when the fact is malformed beyond what its schema checks
     */
    public Mono<Void> route(ReceivedEvent received) {
        AlmanacEvent event = received.event();
        if (event instanceof CalendarCreated created) {
            if (created.capacity() < 1) {
                throw new PoisonMessageException("calendar " + created.calendarId() + " has capacity "
                        + created.capacity() + ", but capacity must be at least 1");
            }
            return tracker.calendarCreated(received.metadata(), created);
        }
        if (event instanceof ItemScheduled scheduled) {
            Entry entry = new Entry(EntryKey.item(scheduled.itemId().value()), scheduled.title(),
                    interval(scheduled.start(), scheduled.end(), "item " + scheduled.itemId()));
            return tracker.entryPlaced(received.metadata(), scheduled.calendarId(), entry);
        }
        if (event instanceof ItemRescheduled rescheduled) {
            String what = "item " + rescheduled.itemId();
            return tracker.entryMoved(received.metadata(), rescheduled.calendarId(), EntryKey.item(rescheduled.itemId().value()),
                    interval(rescheduled.previousStart(), rescheduled.previousEnd(), what + " (previous)"),
                    interval(rescheduled.start(), rescheduled.end(), what));
        }
        if (event instanceof OccurrenceMaterialized occurrence) {
            Entry entry = new Entry(EntryKey.occurrence(occurrence.occurrenceId().value()), occurrence.title(),
                    interval(occurrence.start(), occurrence.end(), "occurrence " + occurrence.occurrenceId()));
            return tracker.entryPlaced(received.metadata(), occurrence.calendarId(), entry);
        }
        log.debug("Skipping {} {}: conflict-detector does not use it", received.metadata().type(), received.metadata().id());
        return Mono.empty();
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
