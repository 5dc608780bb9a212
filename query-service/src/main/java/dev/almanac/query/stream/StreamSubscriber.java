package dev.almanac.query.stream;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;

import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Sinks;

/**
 * One open stream: its calendars, the position it resumed from, and the sink its events wait in, bounded by the client's
 * buffer; and where it stands, which every event's id tells. Its state changes under {@link StreamHub}'s lock.
 */
final class StreamSubscriber {

    final Set<String> calendars;
    final @Nullable StreamPositions resumeFrom;
    final Sinks.Many<ServerSentEvent<Object>> sink;
    /** The partitions of its calendars, and how far it had them when it was attached. */
    Set<TopicPartition> partitions = Set.of();
    Map<TopicPartition, Long> floor = Map.of();
    boolean closed;
    /** The position its last reset names, once it was let go as too slow for its buffer. */
    volatile @Nullable String farewellId;

    StreamSubscriber(Set<String> calendars, @Nullable StreamPositions resumeFrom, int buffer) {
        this.calendars = calendars;
        this.resumeFrom = resumeFrom;
        // Exactly the buffer: Reactor's own queues round their size up to a power of two.
        this.sink = Sinks.many().unicast().onBackpressureBuffer(new ArrayBlockingQueue<>(buffer));
    }

    /** Where it stands: every change of its calendars before these has been sent to it, or held before it was ready. */
    StreamPositions positions(PartitionPositions released) {
        Map<TopicPartition, Long> at = new HashMap<>();
        for (TopicPartition partition : partitions) {
            at.put(partition, Math.max(floor.getOrDefault(partition, 0L), released.released(partition)));
        }
        return new StreamPositions(at);
    }

    /** A ready or reset notice, at the position it stands. */
    ServerSentEvent<Object> notice(String name, @Nullable String reason, PartitionPositions released) {
        return ServerSentEvent.builder((Object) new StreamHub.Notice(sortedCalendars(), reason))
                .event(name).id(positions(released).encode()).build();
    }

    /** The last event of a stream let go as too slow: a reset at the position it stood when it was let go. */
    ServerSentEvent<Object> farewell(String farewellId) {
        return ServerSentEvent.builder((Object) new StreamHub.Notice(sortedCalendars(), StreamHub.SLOW_CLIENT))
                .event(StreamHub.RESET).id(farewellId).build();
    }

    /** A change, whose id is the position after it. */
    static ServerSentEvent<Object> change(StreamEvent event, StreamPositions positions) {
        return ServerSentEvent.builder((Object) event.change()).event(event.eventName()).id(positions.encode()).build();
    }

    private List<String> sortedCalendars() {
        return calendars.stream().sorted().toList();
    }
}
