package dev.almanac.query.resource;

import static dev.almanac.query.readmodel.MongoValues.date;
import static dev.almanac.query.readmodel.MongoValues.instant;
import static dev.almanac.query.readmodel.MongoValues.longValue;

import java.time.LocalDate;
import java.util.TreeMap;

import org.bson.Document;

import dev.almanac.query.readmodel.DocumentCodec;
import dev.almanac.query.readmodel.MapKeys;
import dev.almanac.query.readmodel.NewestWins;

/**
 * {@link ResourceDay} as its document in {@code resource_days}:
 * <pre>
 * {_id: "res-projector/2026-12-01", resource_id, day: "2026-12-01",
 *  n: live copies,
 *  e: {&lt;item id&gt;: {s, e, v}, …},   start, end, item version
 *  gone: {&lt;item id&gt;: version, …}}   withdrawal markers
 * </pre>
 * Copies hold nothing but the interval, so that a batch check of fifty resources reads little.
 * Item ids are encoded by {@link MapKeys}.
 */
public final class ResourceDayCodec implements DocumentCodec<ResourceDay> {

    public static final String RESOURCE_ID = "resource_id";
    public static final String DAY = "day";
    public static final String SIZE = "n";
    public static final String BOOKINGS = "e";
    public static final String WITHDRAWN = "gone";

    @Override
    public String id(ResourceDay day) {
        return day.id();
    }

    @Override
    public Document encode(ResourceDay day) {
        Document bookings = new Document();
        day.bookings().present().forEach((itemId, booking) -> bookings.append(MapKeys.encode(itemId),
                new Document("s", date(booking.start())).append("e", date(booking.end())).append("v", booking.version())));
        Document document = new Document("_id", day.id())
                .append(RESOURCE_ID, day.resourceId())
                .append(DAY, day.day().toString())
                .append(SIZE, day.bookings().present().size())
                .append(BOOKINGS, bookings);
        if (!day.bookings().withdrawn().isEmpty()) {
            Document withdrawn = new Document();
            day.bookings().withdrawn().forEach((itemId, version) -> withdrawn.append(MapKeys.encode(itemId), version));
            document.append(WITHDRAWN, withdrawn);
        }
        return document;
    }

    @Override
    public ResourceDay decode(Document document) {
        TreeMap<String, Booking> bookings = new TreeMap<>();
        Document copies = document.get(BOOKINGS, Document.class);
        if (copies != null) {
            copies.forEach((key, copy) -> bookings.put(MapKeys.decode(key),
                    new Booking(instant((Document) copy, "s"), instant((Document) copy, "e"), longValue((Document) copy, "v"))));
        }
        TreeMap<String, Long> withdrawn = new TreeMap<>();
        Document markers = document.get(WITHDRAWN, Document.class);
        if (markers != null) {
            markers.forEach((key, version) -> withdrawn.put(MapKeys.decode(key), ((Number) version).longValue()));
        }
        return new ResourceDay(document.getString(RESOURCE_ID), LocalDate.parse(document.getString(DAY)),
                new NewestWins<>(bookings, withdrawn));
    }
}
