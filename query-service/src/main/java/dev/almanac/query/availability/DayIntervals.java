package dev.almanac.query.availability;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.BsonBinaryReader;
import org.bson.BsonType;
import org.bson.RawBsonDocument;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.events.TimeRange;
import dev.almanac.query.entry.CalendarDay;
import dev.almanac.query.entry.CalendarDayCodec;
import dev.almanac.query.entry.CalendarDays;
import dev.almanac.query.entry.UtcSlots;
import dev.almanac.query.resource.ResourceDay;
import dev.almanac.query.resource.ResourceDayCodec;
import dev.almanac.query.resource.ResourceDays;

/**
 * What occupies calendars or resources in a window, as intervals only: read from their per-UTC-day
 * documents ({@code calendar_days}, {@code resource_days}) by {@code _id}. Every day an entry
 * overlaps holds a copy of it, so the days of the window hold every entry that overlaps it; an
 * entry seen in several days counts once, as its newest copy (a day may briefly lag another while a
 * projection batch lands). Cancelled items are already withdrawn from the days.
 *
 * <p>A batch check reads hundreds of day documents, and a calendar day's copies carry titles, tags
 * and zones that availability never shows. So the documents arrive as raw BSON and only each
 * copy's start ({@code s}), end ({@code e}) and version ({@code v}) are read; building every copy
 * as a map took most of a check's time. Finds hold at most 50 ids and run four at a time, as
 * {@code KeyLookups} does for the other reads.
 */
public final class DayIntervals {

    /**
     * Where a kind of day document keeps its copies.
     *
     * @param owner   the field naming the calendar or resource the day belongs to
     * @param copies  the field holding the copies, keyed by entry id
     * @param grouped whether the copies sit one level further down, in groups (a calendar day groups them by start slot)
     * @param dayId   the document id of an owner's UTC day
     */
    public record Layout(String collection, String owner, String copies, boolean grouped, BiFunction<String, LocalDate, String> dayId) {
    }

    public static final Layout CALENDAR_DAYS = new Layout(CalendarDays.COLLECTION, CalendarDayCodec.CALENDAR_ID,
            CalendarDayCodec.ENTRIES, true, CalendarDay::id);
    public static final Layout RESOURCE_DAYS = new Layout(ResourceDays.COLLECTION, ResourceDayCodec.RESOURCE_ID,
            ResourceDayCodec.BOOKINGS, false, ResourceDay::id);

    private static final int IDS_PER_FIND = 50;
    private static final int FINDS_AT_ONCE = 4;

    private final Layout layout;
    private final MongoCollection<RawBsonDocument> days;

    public DayIntervals(MongoDatabase database, Layout layout) {
        this.layout = layout;
        this.days = database.getCollection(layout.collection(), RawBsonDocument.class);
    }

    /** Per owner asked for, the intervals of the entries overlapping {@code window}; an owner with none maps to an empty list. */
    public Mono<Map<String, List<TimeRange>>> overlapping(Collection<String> owners, TimeRange window) {
        List<LocalDate> utcDays = UtcSlots.daysOverlapping(window.start(), window.end());
        List<String> ids = new ArrayList<>(owners.size() * utcDays.size());
        for (String owner : owners) {
            for (LocalDate day : utcDays) {
                ids.add(layout.dayId().apply(owner, day));
            }
        }
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_FIND) {
            chunks.add(ids.subList(from, Math.min(ids.size(), from + IDS_PER_FIND)));
        }
        return Flux.fromIterable(chunks)
                .flatMap(chunk -> Flux.from(days.find(Filters.in("_id", chunk))
                        .projection(Projections.include(layout.owner(), layout.copies()))), FINDS_AT_ONCE)
                .collect(() -> new HashMap<String, Map<String, Copy>>(), this::keep)
                .map(newest -> {
                    Map<String, List<TimeRange>> entries = new HashMap<>();
                    for (String owner : owners) {
                        List<TimeRange> ranges = new ArrayList<>();
                        for (Copy copy : newest.getOrDefault(owner, Map.of()).values()) {
                            if (copy.start < copy.end && copy.start < window.end().toEpochMilli() && copy.end > window.start().toEpochMilli()) {
                                ranges.add(new TimeRange(Instant.ofEpochMilli(copy.start), Instant.ofEpochMilli(copy.end)));
                            }
                        }
                        entries.put(owner, ranges);
                    }
                    return entries;
                });
    }

    /**
     * Per owner asked for, the intervals of {@link #overlapping(Collection, TimeRange)} followed by those {@code computed}
     * holds for it: the rule occurrences computed from the rules' timelines (ADR 0068), which no day document holds.
     */
    public Mono<Map<String, List<TimeRange>>> overlappingWith(Collection<String> owners, TimeRange window,
                                                              Mono<Map<String, List<TimeRange>>> computed) {
        return Mono.zip(overlapping(owners, window), computed).map(read -> {
            Map<String, List<TimeRange>> all = new LinkedHashMap<>();
            read.getT1().forEach((id, intervals) -> all.put(id, new ArrayList<>(intervals)));
            read.getT2().forEach((id, intervals) -> all.computeIfAbsent(id, any -> new ArrayList<>()).addAll(intervals));
            return all;
        });
    }

    /** A copy's interval in epoch milliseconds (MongoDB dates hold milliseconds) and its entry's version. */
    private record Copy(long start, long end, long version) {
    }

    /** Keeps, per owner and entry, the newest copy in the day document. */
    private void keep(Map<String, Map<String, Copy>> newest, RawBsonDocument day) {
        String owner = null;
        Map<String, Copy> copies = new HashMap<>();
        try (BsonBinaryReader reader = new BsonBinaryReader(day.getByteBuffer().asNIO())) {
            reader.readStartDocument();
            while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
                String field = reader.readName();
                if (field.equals(layout.owner()) && reader.getCurrentBsonType() == BsonType.STRING) {
                    owner = reader.readString();
                } else if (field.equals(layout.copies()) && reader.getCurrentBsonType() == BsonType.DOCUMENT) {
                    if (layout.grouped()) {
                        readGroups(reader, copies);
                    } else {
                        readCopies(reader, copies);
                    }
                } else {
                    reader.skipValue();
                }
            }
            reader.readEndDocument();
        }
        if (owner == null) {
            throw new IllegalStateException(layout.collection() + " document " + day.get("_id") + " has no " + layout.owner());
        }
        Map<String, Copy> kept = newest.computeIfAbsent(owner, id -> new HashMap<>());
        copies.forEach((id, copy) -> kept.merge(id, copy, (one, other) -> other.version() > one.version() ? other : one));
    }

    /** {@code e: {s37: {<entry id>: {s, e, v, …}, …}, c: {…}}}: groups of copies. */
    private static void readGroups(BsonBinaryReader reader, Map<String, Copy> copies) {
        reader.readStartDocument();
        while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
            reader.readName();
            readCopies(reader, copies);
        }
        reader.readEndDocument();
    }

    /** {@code {<entry id>: {s, e, v, …}, …}}: the key of a copy is its entry's encoded id. */
    private static void readCopies(BsonBinaryReader reader, Map<String, Copy> copies) {
        reader.readStartDocument();
        while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
            String id = reader.readName();
            Copy copy = readCopy(reader);
            copies.merge(id, copy, (one, other) -> other.version() > one.version() ? other : one);
        }
        reader.readEndDocument();
    }

    private static Copy readCopy(BsonBinaryReader reader) {
        long start = 0;
        long end = 0;
        long version = 0;
        boolean hasStart = false;
        boolean hasEnd = false;
        reader.readStartDocument();
        while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
            String field = reader.readName();
            BsonType type = reader.getCurrentBsonType();
            if (field.equals("s") && type == BsonType.DATE_TIME) {
                start = reader.readDateTime();
                hasStart = true;
            } else if (field.equals("e") && type == BsonType.DATE_TIME) {
                end = reader.readDateTime();
                hasEnd = true;
            } else if (field.equals("v") && type == BsonType.INT64) {
                version = reader.readInt64();
            } else if (field.equals("v") && type == BsonType.INT32) {
                version = reader.readInt32();
            } else {
                reader.skipValue();
            }
        }
        reader.readEndDocument();
        if (!hasStart || !hasEnd) {
            throw new IllegalStateException("a day document's copy has no start or end date");
        }
        return new Copy(start, end, version);
    }
}
