package dev.almanac.benchmarks.seedscale;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.benchmarks.kafka.CommittedTail;
/**
 * {@code almanac.conflicts.v1} read from its end with {@code read_committed}, as a consumer acting on conflicts reads
 * it (ADR 0009), on a thread of its own. It notes when a {@code ConflictDetected} first names each probe item, and
 * keeps the open conflicts of the planted calendars by id: detected or escalated is open; cleared, resolved or
 * dismissed is not.
 */
final class ConflictTopic implements AutoCloseable {

    static final String TOPIC = "almanac.conflicts.v1";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CommittedTail tail;
    private final String probePrefix;
    private final Set<String> plantedCalendars;
    private final Map<String, Long> probeSeenAt = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Boolean>> openByCalendar = new ConcurrentHashMap<>();
    private final AtomicInteger undecodables = new AtomicInteger();

    /**
     * @param probePrefix      ids of the probe items start with it
     * @param plantedCalendars the calendars whose open conflicts are kept
     */
    ConflictTopic(String bootstrap, String probePrefix, Set<String> plantedCalendars) {
        this.probePrefix = probePrefix;
        this.plantedCalendars = Set.copyOf(plantedCalendars);
        this.tail = new CommittedTail(bootstrap, List.of(TOPIC), "seed-scale-conflicts", this::observe);
    }

    /** When ({@code System.nanoTime()}) a detected conflict first named the probe item {@code itemId}. */
    Optional<Long> probeSeenAt(String itemId) {
        return Optional.ofNullable(probeSeenAt.get(itemId));
    }

    /** The open conflicts on each planted calendar, as read so far. */
    Map<String, Integer> openOnPlanted() {
        Map<String, Integer> open = new HashMap<>();
        plantedCalendars.forEach(calendar -> open.put(calendar, (int) openByCalendar.getOrDefault(calendar, Map.of())
                .values().stream().filter(Boolean::booleanValue).count()));
        return open;
    }

    /** Records that were not JSON, so neither counted nor timed: the run reports them. */
    int undecodable() {
        return undecodables.get();
    }

    int openOnPlantedInAll() {
        return openOnPlanted().values().stream().mapToInt(Integer::intValue).sum();
    }

    private void observe(ConsumerRecord<String, byte[]> record, long now) {
        String type = CommittedTail.header(record, "ce_type");
        if (type == null || record.value() == null) {
            return;
        }
        boolean opens = type.contains("ConflictDetected") || type.contains("ConflictEscalated");
        boolean closes = type.contains("ConflictCleared") || type.contains("ConflictResolved") || type.contains("ConflictDismissed");
        boolean planted = record.key() != null && plantedCalendars.contains(record.key());
        if (!planted && !type.contains("ConflictDetected")) {
            return;
        }
        JsonNode event;
        try {
            event = JSON.readTree(new String(record.value(), StandardCharsets.UTF_8));
        } catch (JacksonException undecodable) {
            undecodables.incrementAndGet();
            return;
        }
        if (type.contains("ConflictDetected")) {
            for (JsonNode entryId : event.findValues("entry_id")) {
                String id = entryId.asString();
                if (id.startsWith(probePrefix)) {
                    probeSeenAt.putIfAbsent(id, now);
                }
            }
        }
        JsonNode conflictId = event.findValue("conflict_id");
        if (planted && conflictId != null && (opens || closes)) {
            openByCalendar.computeIfAbsent(record.key(), calendar -> new ConcurrentHashMap<>()).put(conflictId.asString(), opens);
        }
    }

    @Override
    public void close() {
        tail.close();
    }
}
