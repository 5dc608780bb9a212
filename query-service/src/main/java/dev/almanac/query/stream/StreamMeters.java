package dev.almanac.query.stream;

import java.util.Arrays;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** What an operator sees of the streams: events sent by name, resets by reason, and clients dropped as too slow. */
final class StreamMeters {

    private final MeterRegistry meters;
    private final Counter dropped;

    StreamMeters(MeterRegistry meters) {
        this.meters = meters;
        this.dropped = Counter.builder("almanac.stream.clients.dropped")
                .description("Streams ended because the client read too slowly for its buffer").register(meters);
        // Every series from the start, at zero, so that a dashboard's rate reads 0 rather than nothing before the first stream.
        Stream.concat(Stream.of(StreamHub.READY, StreamHub.RESET), Arrays.stream(StreamTopic.values()).map(StreamTopic::eventName))
                .distinct().forEach(this::sent);
        Stream.of(StreamHub.TOO_OLD, StreamHub.SLOW_CLIENT, StreamHub.READER_RESTARTED, StreamHub.PROJECTION_LAGGING,
                StreamHub.ROLE_REVOKED).forEach(this::resets);
    }

    Counter sent(String event) {
        return Counter.builder("almanac.stream.events.sent").tag("event", event)
                .description("Events sent to stream subscribers, by SSE event name").register(meters);
    }

    Counter resets(String reason) {
        return Counter.builder("almanac.stream.resets").tag("reason", reason)
                .description("Resets sent: a resume older than the buffer holds, a client dropped as too slow, a reader restarted, "
                        + "the projection lagging, or a caller who lost the role on a calendar").register(meters);
    }

    Counter dropped() {
        return dropped;
    }
}
