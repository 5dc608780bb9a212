package dev.almanac.query.availability;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.BsonBinaryReader;
import org.bson.BsonType;
import org.bson.RawBsonDocument;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.events.TimeRange;
import dev.almanac.query.entry.CalendarDay;
import dev.almanac.query.entry.CalendarDayCodec;
import dev.almanac.query.entry.CalendarDays;
import dev.almanac.query.entry.UtcSlots;

/**
 * What runs on calendars in a window, as intervals only: read from the {@code calendar_days}
 * documents of the window's UTC days by {@code _id}. Every day an entry overlaps holds a copy of
 * it, so the days of the window hold every entry that overlaps it; an entry seen in several days
 * counts once, as its newest copy (a day may briefly lag another while a projection batch lands).
 * Cancelled items are already withdrawn from the days.
 *
 * <p>A batch check reads hundreds of day documents, and their copies carry titles, tags and zones
 * that availability never shows. So the documents arrive as raw BSON and only each copy's start
 * ({@code s}), end ({@code e}) and version ({@code v}) are read (the copy layout of
 * {@link CalendarDayCodec}); building every copy as a map took most of a check's time. Finds hold at
 * most 50 ids and run four at a time, as {@code KeyLookups} does for the other reads.
 */
@Component
public class CalendarLoad {

    private static final int IDS_PER_FIND = 50;
    private static final int FINDS_AT_ONCE = 4;

    private final MongoCollection<RawBsonDocument> days;

    public CalendarLoad(MongoDatabase database) {
        this.days = database.getCollection(CalendarDays.COLLECTION, RawBsonDocument.class);
    }

    /** Per calendar asked for, the entries overlapping {@code window}; a calendar with none maps to an empty list. */
    public Mono<Map<String, List<TimeRange>>> entries(Collection<String> calendarIds, TimeRange window) {
        List<LocalDate> utcDays = UtcSlots.daysOverlapping(window.start(), window.end());
        List<String> ids = new ArrayList<>(calendarIds.size() * utcDays.size());
        for (String calendarId : calendarIds) {
            for (LocalDate day : utcDays) {
                ids.add(CalendarDay.id(calendarId, day));
            }
        }
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_FIND) {
            chunks.add(ids.subList(from, Math.min(ids.size(), from + IDS_PER_FIND)));
        }
        return Flux.fromIterable(chunks)
                .flatMap(chunk -> Flux.from(days.find(Filters.in("_id", chunk))
                        .projection(Projections.include(CalendarDayCodec.CALENDAR_ID, CalendarDayCodec.ENTRIES))), FINDS_AT_ONCE)
                .collect(() -> new HashMap<String, Map<String, Copy>>(), CalendarLoad::keep)
                .map(newest -> {
                    Map<String, List<TimeRange>> entries = new HashMap<>();
                    for (String calendarId : calendarIds) {
                        List<TimeRange> ranges = new ArrayList<>();
                        for (Copy copy : newest.getOrDefault(calendarId, Map.of()).values()) {
                            if (copy.start < copy.end && copy.start < window.end().toEpochMilli() && copy.end > window.start().toEpochMilli()) {
                                ranges.add(new TimeRange(Instant.ofEpochMilli(copy.start), Instant.ofEpochMilli(copy.end)));
                            }
                        }
                        entries.put(calendarId, ranges);
                    }
                    return entries;
                });
    }

    /** A copy's interval in epoch milliseconds (MongoDB dates hold milliseconds) and its entry's version. */
    private record Copy(long start, long end, long version) {
    }

    /** Keeps, per calendar and entry, the newest copy in the day document. */
    private static void keep(Map<String, Map<String, Copy>> newest, RawBsonDocument day) {
        String calendarId = null;
        Map<String, Copy> copies = new HashMap<>();
        try (BsonBinaryReader reader = new BsonBinaryReader(day.getByteBuffer().asNIO())) {
            reader.readStartDocument();
            while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
                String field = reader.readName();
                if (field.equals(CalendarDayCodec.CALENDAR_ID) && reader.getCurrentBsonType() == BsonType.STRING) {
                    calendarId = reader.readString();
                } else if (field.equals(CalendarDayCodec.ENTRIES) && reader.getCurrentBsonType() == BsonType.DOCUMENT) {
                    readGroups(reader, copies);
                } else {
                    reader.skipValue();
                }
            }
            reader.readEndDocument();
        }
        if (calendarId == null) {
            throw new IllegalStateException("calendar_days document " + day.get("_id") + " has no " + CalendarDayCodec.CALENDAR_ID);
        }
        Map<String, Copy> kept = newest.computeIfAbsent(calendarId, id -> new HashMap<>());
        copies.forEach((id, copy) -> kept.merge(id, copy, (one, other) -> other.version() > one.version() ? other : one));
    }

    /** {@code e: {s37: {<entry id>: {s, e, v, …}, …}, c: {…}}}: the key of a copy is its entry's encoded id. */
    private static void readGroups(BsonBinaryReader reader, Map<String, Copy> copies) {
        reader.readStartDocument();
        while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
            reader.readName();
            reader.readStartDocument();
            while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
                String id = reader.readName();
                Copy copy = readCopy(reader);
                copies.merge(id, copy, (one, other) -> other.version() > one.version() ? other : one);
            }
            reader.readEndDocument();
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
            throw new IllegalStateException("a calendar_days copy has no start or end date");
        }
        return new Copy(start, end, version);
    }
}
