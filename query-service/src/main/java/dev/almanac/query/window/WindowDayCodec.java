package dev.almanac.query.window;

import java.util.TreeMap;

import org.bson.Document;
import org.bson.types.Binary;
import org.jspecify.annotations.Nullable;

import dev.almanac.query.readmodel.DocumentCodec;
import dev.almanac.query.readmodel.MapKeys;

/**
 * {@link WindowDay} as its document in {@code window_days}:
 * <pre>
 * {_id: "2026-12-01" (in multi-tenant mode "acme/2026-12-01", the tenant's calendars only),
 *  d: {&lt;calendar id&gt;: binary slot summary, …},   the state: each calendar's summary
 *  q: binary,                                      each calendar's count per slot ({@link CalendarSlotCounts})
 *  all: binary slot summary}                       every calendar added up
 * </pre>
 * {@code q} and {@code all} are derived from {@code d} on every write; a window projects only
 * them, which for a hundred calendars is about a fifth of the document. A write of a day read from
 * its document derives them from the stored ones and the calendars that changed (see {@link WindowDay}).
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
        day.summaryBytes().forEach((calendarId, summary) -> calendars.append(MapKeys.encode(calendarId), new Binary(summary)));
        return new Document("_id", day.id())
                .append(CALENDARS, calendars)
                .append(COUNTS, new Binary(day.slotCounts()))
                .append(ALL, new Binary(day.merged().toBytes()));
    }

    /** The day with its summaries left as bytes, and the counts and total derived from them kept to be updated. */
    @Override
    public WindowDay decode(Document document) {
        TreeMap<String, byte[]> calendars = new TreeMap<>();
        Document held = document.get(CALENDARS, Document.class);
        if (held != null) {
            held.forEach((key, summary) -> calendars.put(MapKeys.decode(key), ((Binary) summary).getData()));
        }
        return WindowDay.read(document.getString("_id"), calendars, bytes(document.get(COUNTS)), bytes(document.get(ALL)));
    }

    private static byte @Nullable [] bytes(@Nullable Object value) {
        return value instanceof Binary binary ? binary.getData() : null;
    }
}
