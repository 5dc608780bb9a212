package dev.almanac.query.window;

import java.time.LocalDate;
import java.util.TreeMap;

import org.bson.Document;
import org.bson.types.Binary;

import dev.almanac.query.entry.SlotSummary;
import dev.almanac.query.readmodel.DocumentCodec;
import dev.almanac.query.readmodel.MapKeys;

/**
 * {@link WindowDay} as its document in {@code window_days}:
 * <pre>
 * {_id: "2026-12-01",
 *  d: {&lt;calendar id&gt;: binary slot summary, …},   the state: each calendar's summary
 *  q: binary,                                      each calendar's count per slot ({@link CalendarSlotCounts})
 *  all: binary slot summary}                       every calendar added up
 * </pre>
 * {@code q} and {@code all} are derived from {@code d} on every write; a window projects only
 * them, which for a hundred calendars is about a fifth of the document.
 */
public final class WindowDayCodec implements DocumentCodec<WindowDay> {

    static final String CALENDARS = "d";
    static final String COUNTS = "q";
    static final String ALL = "all";

    @Override
    public String id(WindowDay day) {
        return day.id();
    }

    @Override
    public Document encode(WindowDay day) {
        Document calendars = new Document();
        day.calendars().forEach((calendarId, summary) -> calendars.append(MapKeys.encode(calendarId), new Binary(summary.toBytes())));
        return new Document("_id", day.id())
                .append(CALENDARS, calendars)
                .append(COUNTS, new Binary(CalendarSlotCounts.encode(day.calendars())))
                .append(ALL, new Binary(day.merged().toBytes()));
    }

    @Override
    public WindowDay decode(Document document) {
        TreeMap<String, SlotSummary> calendars = new TreeMap<>();
        Document held = document.get(CALENDARS, Document.class);
        if (held != null) {
            held.forEach((key, summary) -> calendars.put(MapKeys.decode(key), SlotSummary.fromBytes(((Binary) summary).getData())));
        }
        return new WindowDay(LocalDate.parse(document.getString("_id")), calendars);
    }
}
