package dev.almanac.benchmarks.dispatch;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.benchmarks.kafka.CommittedTail;
/**
 * {@code almanac.dispatch.v1} read from its end with {@code read_committed}, as an executor reads it, on a thread of
 * its own: when ({@code System.nanoTime()}) each run-now dispatch was first read, and how many times each was read.
 * It reads {@code almanac.rules.v1} too, to tell when each run now left command-service: the dispatcher's share of
 * the time is what comes after that.
 */
final class DispatchTopic implements AutoCloseable {

    static final String TOPIC = "almanac.dispatch.v1";
    static final String RULES = "almanac.rules.v1";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CommittedTail tail;
    private final Map<String, Long> firstReadAt = new ConcurrentHashMap<>();
    private final Map<String, Long> requestReadAt = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
    private final Map<String, String> skipped = new ConcurrentHashMap<>();

    DispatchTopic(String bootstrap) {
        this.tail = new CommittedTail(bootstrap, List.of(TOPIC, RULES), "run-now-dispatches", this::observe);
    }

    /** When the dispatch of run {@code runId} was first read; null while it has not been. */
    @Nullable Long firstReadAt(String runId) {
        return firstReadAt.get(runId);
    }

    /** When the {@code RuleRunRequested} of run {@code runId} was first read on the rules topic; null while it has not been. */
    @Nullable Long requestReadAt(String runId) {
        return requestReadAt.get(runId);
    }

    /** How many times the dispatch of {@code runId} (attempt 1) was read. */
    int reads(String runId) {
        AtomicInteger count = reads.get(runId);
        return count == null ? 0 : count.get();
    }

    /** Why the dispatcher skipped run {@code runId} ({@code max_concurrent}, {@code superseded}); null if it did not. */
    @Nullable String skipReason(String runId) {
        return skipped.get(runId);
    }

    private void observe(ConsumerRecord<String, byte[]> record, long now) {
        String type = CommittedTail.header(record, "ce_type");
        if (type == null || record.value() == null) {
            return;
        }
        boolean due = type.contains("OccurrenceDue");
        boolean requested = type.contains("RuleRunRequested");
        if (!due && !requested && !type.contains("OccurrenceSkipped")) {
            return;
        }
        JsonNode event;
        try {
            event = JSON.readTree(new String(record.value(), StandardCharsets.UTF_8));
        } catch (JacksonException undecodable) {
            return;
        }
        if (requested) {
            requestReadAt.putIfAbsent(event.path("run_id").asString(), now);
            return;
        }
        String runId = event.path("occurrence_id").asString();
        if (due && "run_now".equals(event.path("trigger").asString()) && event.path("attempt").asInt() == 1) {
            firstReadAt.putIfAbsent(runId, now);
            reads.computeIfAbsent(runId, id -> new AtomicInteger()).incrementAndGet();
        } else if (!due) {
            skipped.put(runId, event.path("reason").asString());
        }
    }

    @Override
    public void close() {
        tail.close();
    }
}
