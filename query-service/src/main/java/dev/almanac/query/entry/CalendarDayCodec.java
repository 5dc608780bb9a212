package dev.almanac.query.entry;

import static dev.almanac.query.readmodel.MongoValues.date;
import static dev.almanac.query.readmodel.MongoValues.fromWire;
import static dev.almanac.query.readmodel.MongoValues.fromWireOrNull;
import static dev.almanac.query.readmodel.MongoValues.instant;
import static dev.almanac.query.readmodel.MongoValues.longValue;
import static dev.almanac.query.readmodel.MongoValues.putIfPresent;
import static dev.almanac.query.readmodel.MongoValues.strings;
import static dev.almanac.query.readmodel.MongoValues.wire;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bson.Document;
import org.bson.types.Binary;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.EntryKind;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.schedule.ItemSource;
import dev.almanac.events.schedule.Priority;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.events.schedule.ResourceRole;
import dev.almanac.query.readmodel.DocumentCodec;
import dev.almanac.query.readmodel.MapKeys;
import dev.almanac.query.readmodel.NewestWins;

/**
 * {@link CalendarDay} as its document in {@code calendar_days}:
 * <pre>
 * {_id: "cal-a/2026-12-01", calendar_id, day: "2026-12-01",
 *  n: live copies,
 *  e: {s37: {&lt;entry id&gt;: copy, …}, …, c: {…}},   copies by the slot they start in; c: started on an earlier day
 *  gone: {&lt;entry id&gt;: version, …},             withdrawal markers
 *  sum: binary slot summary}
 * </pre>
 * Grouping copies by start slot lets a window that needs one slot entry by entry project just
 * {@code e.s37}. Entry ids are encoded by {@link MapKeys}. A copy's fields are kept short because
 * a year of a busy calendar holds millions of them: {@code k} kind, {@code t} title, {@code y}
 * type, {@code s} start, {@code e} end, {@code z} zone, {@code p} priority, {@code g} tags,
 * {@code r} rule id, {@code n} reschedule count, {@code v} version, {@code b} the resources an item or occurrence books
 * ({@code [{i: id, o: role}]}, left out when none), {@code x: true} for an item scheduled through the API (external);
 * an item's relations when it has any: {@code d} dependencies, {@code l} the primary it follows,
 * {@code f} its followers, {@code a} its attachment count; {@code q} an item's status when it is not scheduled
 * (tentative, confirmed, rescheduling).
 */
public final class CalendarDayCodec implements DocumentCodec<CalendarDay> {

    public static final String CALENDAR_ID = "calendar_id";
    public static final String DAY = "day";
    public static final String SIZE = "n";
    public static final String ENTRIES = "e";
    public static final String WITHDRAWN = "gone";
    public static final String SUMMARY = "sum";
    static final String CARRIED = "c";

    @Override
    public String id(CalendarDay day) {
        return day.id();
    }

    /** The group of copies that start in {@code slot} of their day. */
    public static String slotGroup(int slot) {
        return "s" + slot;
    }

    @Override
    public Document encode(CalendarDay day) {
        Map<String, Document> groups = new TreeMap<>();
        for (EntryCopy copy : day.entries().present().values()) {
            String group = day.startsThisDay(copy) ? slotGroup(UtcSlots.slotOf(copy.start())) : CARRIED;
            groups.computeIfAbsent(group, name -> new Document()).append(MapKeys.encode(copy.id()), encode(copy));
        }
        Document document = new Document("_id", day.id())
                .append(CALENDAR_ID, day.calendarId())
                .append(DAY, day.day().toString())
                .append(SIZE, day.entries().present().size())
                .append(ENTRIES, new Document(groups));
        if (!day.entries().withdrawn().isEmpty()) {
            Document withdrawn = new Document();
            day.entries().withdrawn().forEach((id, version) -> withdrawn.append(MapKeys.encode(id), version));
            document.append(WITHDRAWN, withdrawn);
        }
        return document.append(SUMMARY, new Binary(day.summary().toBytes()));
    }

    @Override
    public CalendarDay decode(Document document) {
        TreeMap<String, EntryCopy> entries = new TreeMap<>();
        for (EntryCopy copy : copies(document.get(ENTRIES, Document.class))) {
            entries.put(copy.id(), copy);
        }
        TreeMap<String, Long> withdrawn = new TreeMap<>();
        Document markers = document.get(WITHDRAWN, Document.class);
        if (markers != null) {
            markers.forEach((key, version) -> withdrawn.put(MapKeys.decode(key), ((Number) version).longValue()));
        }
        return new CalendarDay(document.getString(CALENDAR_ID), LocalDate.parse(document.getString(DAY)),
                new NewestWins<>(entries, withdrawn));
    }

    /** Every copy under {@code e} (or under the part of it a projection returned), in no particular order. */
    public static List<EntryCopy> copies(@Nullable Document groups) {
        List<EntryCopy> copies = new ArrayList<>();
        if (groups == null) {
            return copies;
        }
        for (Object group : groups.values()) {
            ((Document) group).forEach((key, copy) -> copies.add(decode(MapKeys.decode(key), (Document) copy)));
        }
        return copies;
    }

    /** The slot summary of a document read whole or with {@code sum} projected. */
    public static SlotSummary summary(Document document) {
        Binary summary = document.get(SUMMARY, Binary.class);
        return summary == null ? SlotSummary.EMPTY : SlotSummary.fromBytes(summary.getData());
    }

    /** The day's slot summary as stored ({@link SlotSummary#toBytes}), an empty one's where it has none. */
    public static byte[] summaryBytes(Document document) {
        Binary summary = document.get(SUMMARY, Binary.class);
        return summary == null ? SlotSummary.EMPTY.toBytes() : summary.getData();
    }

    /** One copy's fields, as every read model that holds copies stores them. */
    static Document encode(EntryCopy copy) {
        Document document = new Document("k", wire(copy.kind()));
        putIfPresent(document, "t", copy.title());
        putIfPresent(document, "y", copy.type());
        document.append("s", date(copy.start())).append("e", date(copy.end()));
        putIfPresent(document, "z", copy.timezone());
        putIfPresent(document, "p", copy.priority() == null ? null : wire(copy.priority()));
        if (!copy.tags().isEmpty()) {
            document.append("g", copy.tags());
        }
        putIfPresent(document, "r", copy.ruleId());
        if (copy.rescheduleCount() != 0) {
            document.append("n", copy.rescheduleCount());
        }
        if (!copy.resources().isEmpty()) {
            List<Document> bookings = new ArrayList<>(copy.resources().size());
            for (ResourceBooking booking : copy.resources()) {
                bookings.add(new Document("i", booking.resourceId().value()).append("o", wire(booking.role())));
            }
            document.append("b", bookings);
        }
        if (copy.source() == EntrySource.API) {
            document.append("x", true);
        }
        RelationSummary relations = copy.relations();
        if (!relations.dependencies().isEmpty()) {
            document.append("d", relations.dependencies());
        }
        putIfPresent(document, "l", relations.primaryId());
        if (!relations.followerIds().isEmpty()) {
            document.append("f", relations.followerIds());
        }
        if (relations.attachmentCount() != 0) {
            document.append("a", relations.attachmentCount());
        }
        if (copy.status() != EntryStatus.SCHEDULED) {
            document.append("q", wire(copy.status()));
        }
        putIfPresent(document, "o", copy.owner());
        if (copy.privateEntry()) {
            document.append("h", true);
        }
        return document.append("v", copy.version());
    }

    static EntryCopy decode(String id, Document copy) {
        EntryKind kind = fromWire(EntryKind.class, copy.getString("k"));
        List<ResourceBooking> bookings = new ArrayList<>();
        for (Document booking : copy.getList("b", Document.class, List.of())) {
            bookings.add(new ResourceBooking(ResourceId.of(booking.getString("i")), fromWire(ResourceRole.class, booking.getString("o"))));
        }
        return new EntryCopy(id,
                kind,
                copy.getString("t"),
                copy.getString("y"),
                instant(copy, "s"),
                instant(copy, "e"),
                copy.getString("z"),
                fromWireOrNull(Priority.class, copy.getString("p")),
                strings(copy, "g"),
                copy.getString("r"),
                (int) longValue(copy, "n"),
                longValue(copy, "v"),
                bookings,
                EntrySource.of(kind, copy.getBoolean("x", false) ? ItemSource.API : null),
                new RelationSummary(strings(copy, "d"), copy.getString("l"), strings(copy, "f"), (int) longValue(copy, "a")),
                copy.containsKey("q") ? fromWire(EntryStatus.class, copy.getString("q")) : EntryStatus.SCHEDULED,
                copy.getString("o"),
                copy.getBoolean("h", false));
    }
}
