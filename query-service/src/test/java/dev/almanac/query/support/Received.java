package dev.almanac.query.support;

import java.time.Instant;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.platform.kafka.ReceivedEvent;

/** Events as the listener hands them to the projections: with an envelope naming the subject's version. */
public final class Received {

    /** When the test events happened; projections copy it into detected_at, created_at and the like. */
    public static final Instant TIME = Instant.parse("2026-11-21T10:00:00Z");

    private Received() {
    }

    public static ReceivedEvent of(AlmanacEvent event, long version) {
        return of(event, version, TIME);
    }

    public static ReceivedEvent of(AlmanacEvent event, long version, Instant time) {
        return new ReceivedEvent(metadata(event, version, time), event);
    }

    public static EventMetadata metadata(AlmanacEvent event, long version, Instant time) {
        return new EventMetadata("evt-" + event.subject() + "-v" + version, EventCatalog.of(event).ceType(),
                "/almanac/test", time, event.subject(), version, "tester", "corr-" + event.subject(), null);
    }
}
