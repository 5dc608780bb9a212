package dev.almanac.query.entry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.events.TimeRange;
import dev.almanac.query.readmodel.KeyLookups;
import dev.almanac.query.readmodel.ReadModel;

/**
 * The {@code calendar_days} read model ({@link CalendarDay}, {@link CalendarDayCodec}): per
 * calendar and UTC day, a copy of every entry overlapping the day and the slot summary of those
 * starting in it. Every read is by {@code _id} ({@link KeyLookups}), so its cost follows the days asked for,
 * not the size of the collection.
 */
@Component
public class CalendarDays implements ReadModel {

    public static final String COLLECTION = "calendar_days";

    private final MongoCollection<Document> collection;

    public CalendarDays(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION);
    }

    /** The day documents with these ids, each with only the fields named. */
    public Flux<Document> find(List<String> ids, List<String> fields) {
        return KeyLookups.byIds(collection, ids, fields);
    }

    /** The day documents of every one of these calendars on every one of these UTC days, each with only the fields named. */
    public Flux<Document> find(Collection<String> calendarIds, List<LocalDate> days, List<String> fields) {
        List<String> ids = new ArrayList<>(calendarIds.size() * days.size());
        calendarIds.forEach(calendarId -> ids.addAll(ids(calendarId, days)));
        return find(ids, fields);
    }

    /**
     * Up to {@code limit} of the calendar's entries that overlap {@code [window.start, window.end)},
     * in (start, id) order, after {@code cursor} when given. An entry that starts inside the window
     * is read from its start day; one that starts before it, from the window's first day, which
     * holds a copy of it. First one find reads how many copies each day holds; then the days
     * are read whole, in order, a run of days at a time that should hold enough.
     */
    public Mono<List<EntryCopy>> overlapping(String calendarId, TimeRange window, @Nullable EntryCursor cursor, int limit) {
        LocalDate firstDay = UtcSlots.dayOf(window.start());
        LocalDate from = cursor != null && cursor.start().isAfter(window.start()) ? UtcSlots.dayOf(cursor.start()) : firstDay;
        List<LocalDate> days = UtcSlots.daysOverlapping(from.isAfter(firstDay) ? UtcSlots.startOf(from) : window.start(), window.end());
        Page page = new Page(calendarId, window, cursor, limit, firstDay);
        return find(ids(calendarId, days), List.of(CalendarDayCodec.DAY, CalendarDayCodec.SIZE))
                .collectMap(document -> LocalDate.parse(document.getString(CalendarDayCodec.DAY)),
                        document -> document.getInteger(CalendarDayCodec.SIZE, 0))
                .flatMap(sizes -> {
                    List<LocalDate> holding = days.stream().filter(day -> sizes.getOrDefault(day, 0) > 0).toList();
                    return page.collect(holding, sizes, 0);
                });
    }

    private static List<String> ids(String calendarId, List<LocalDate> days) {
        return days.stream().map(day -> CalendarDay.id(calendarId, day)).toList();
    }

    /** One page being gathered day by day. */
    private final class Page {

        private final String calendarId;
        private final TimeRange window;
        private final @Nullable EntryCursor cursor;
        private final int limit;
        private final LocalDate firstDay;
        private final List<EntryCopy> found = new ArrayList<>();

        private Page(String calendarId, TimeRange window, @Nullable EntryCursor cursor, int limit, LocalDate firstDay) {
            this.calendarId = calendarId;
            this.window = window;
            this.cursor = cursor;
            this.limit = limit;
            this.firstDay = firstDay;
        }

        private Mono<List<EntryCopy>> collect(List<LocalDate> days, Map<LocalDate, Integer> sizes, int next) {
            if (found.size() >= limit || next >= days.size()) {
                return Mono.just(List.copyOf(found.subList(0, Math.min(limit, found.size()))));
            }
            int end = next;
            long expected = 0;
            while (end < days.size() && expected < limit - found.size()) {
                expected += sizes.get(days.get(end++));
            }
            List<LocalDate> run = days.subList(next, end);
            int following = end;
            return find(ids(calendarId, run), List.of(CalendarDayCodec.DAY, CalendarDayCodec.ENTRIES))
                    .collectList()
                    .flatMap(documents -> {
                        Map<LocalDate, Document> byDay = new HashMap<>();
                        documents.forEach(document -> byDay.put(LocalDate.parse(document.getString(CalendarDayCodec.DAY)), document));
                        for (LocalDate day : run) {
                            Document document = byDay.get(day);
                            if (document != null) {
                                found.addAll(contributions(day, document));
                            }
                        }
                        return collect(days, sizes, following);
                    });
        }

        /** The day's copies that belong on the page from this day, sorted. */
        private List<EntryCopy> contributions(LocalDate day, Document document) {
            List<EntryCopy> copies = new ArrayList<>();
            for (EntryCopy copy : CalendarDayCodec.copies(document.get(CalendarDayCodec.ENTRIES, Document.class))) {
                boolean readHere = day.equals(firstDay) || UtcSlots.dayOf(copy.start()).equals(day);
                if (readHere && copy.overlaps(window.start(), window.end()) && isAfterCursor(copy)) {
                    copies.add(copy);
                }
            }
            copies.sort(EntryCopy.BY_START_AND_ID);
            return copies;
        }

        private boolean isAfterCursor(EntryCopy copy) {
            if (cursor == null) {
                return true;
            }
            Instant start = copy.start();
            return start.isAfter(cursor.start()) || start.equals(cursor.start()) && copy.id().compareTo(cursor.id()) > 0;
        }
    }
}
