package dev.almanac.query.entry;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.bson.Document;
import org.jspecify.annotations.Nullable;

import dev.almanac.query.readmodel.DocumentCodec;
import dev.almanac.query.readmodel.MapKeys;
import dev.almanac.query.readmodel.NewestWins;

/**
 * {@link StartingHour} as its document in {@code starting_hours}:
 * <pre>
 * {_id: "2026-07-15T18",
 *  e: {&lt;entry id&gt;: {c: calendar id, …copy}, …},   every entry starting in the hour
 *  gone: {&lt;entry id&gt;: version, …}}              withdrawal markers
 * </pre>
 * A copy has the short fields of {@link CalendarDayCodec}'s copies, plus {@code c}, its calendar.
 * Entry ids are encoded by {@link MapKeys}.
 */
public final class StartingHourCodec implements DocumentCodec<StartingHour> {

    public static final String ENTRIES = "e";
    static final String WITHDRAWN = "gone";
    private static final String CALENDAR = "c";

    @Override
    public String id(StartingHour hour) {
        return hour.id();
    }

    @Override
    public Document encode(StartingHour hour) {
        Document entries = new Document();
        hour.entries().present().forEach((id, placed) -> {
            Document copy = new Document(CALENDAR, placed.calendarId());
            copy.putAll(CalendarDayCodec.encode(placed.copy()));
            entries.append(MapKeys.encode(id), copy);
        });
        Document document = new Document("_id", hour.id()).append(ENTRIES, entries);
        if (!hour.entries().withdrawn().isEmpty()) {
            Document withdrawn = new Document();
            hour.entries().withdrawn().forEach((id, version) -> withdrawn.append(MapKeys.encode(id), version));
            document.append(WITHDRAWN, withdrawn);
        }
        return document;
    }

    @Override
    public StartingHour decode(Document document) {
        TreeMap<String, PlacedCopy> entries = new TreeMap<>();
        for (PlacedCopy placed : copies(document.get(ENTRIES, Document.class))) {
            entries.put(placed.copy().id(), placed);
        }
        TreeMap<String, Long> withdrawn = new TreeMap<>();
        Document markers = document.get(WITHDRAWN, Document.class);
        if (markers != null) {
            markers.forEach((key, version) -> withdrawn.put(MapKeys.decode(key), ((Number) version).longValue()));
        }
        return new StartingHour(StartingHour.emptyOf(document.getString("_id")).hour(), new NewestWins<>(entries, withdrawn));
    }

    /** Every copy under {@code e}, with its calendar, in no particular order. */
    public static List<PlacedCopy> copies(@Nullable Document entries) {
        List<PlacedCopy> copies = new ArrayList<>();
        if (entries == null) {
            return copies;
        }
        entries.forEach((key, value) -> {
            Document copy = (Document) value;
            copies.add(new PlacedCopy(copy.getString(CALENDAR), CalendarDayCodec.decode(MapKeys.decode(key), copy)));
        });
        return copies;
    }
}
