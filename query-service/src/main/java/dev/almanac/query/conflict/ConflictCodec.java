package dev.almanac.query.conflict;

import static dev.almanac.query.readmodel.MongoValues.date;
import static dev.almanac.query.readmodel.MongoValues.fromWire;
import static dev.almanac.query.readmodel.MongoValues.fromWireOrNull;
import static dev.almanac.query.readmodel.MongoValues.instant;
import static dev.almanac.query.readmodel.MongoValues.instantOrNull;
import static dev.almanac.query.readmodel.MongoValues.longValue;
import static dev.almanac.query.readmodel.MongoValues.putIfPresent;
import static dev.almanac.query.readmodel.MongoValues.string;
import static dev.almanac.query.readmodel.MongoValues.wire;

import java.util.List;

import org.bson.Document;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.EntryKind;
import dev.almanac.events.calendar.ResourceType;
import dev.almanac.events.conflict.ConflictEntryKind;
import dev.almanac.events.conflict.ConflictLevel;
import dev.almanac.events.conflict.ConflictStatus;
import dev.almanac.events.conflict.ConflictType;
import dev.almanac.events.conflict.LinkProblem;
import dev.almanac.events.conflict.ResolutionMethod;
import dev.almanac.events.schedule.ResourceRole;
import dev.almanac.query.readmodel.DocumentCodec;
import dev.almanac.query.readmodel.Versioned;

/**
 * {@link ConflictView} as its document in {@code conflicts}, and as the copy of it that the
 * conflict lists ({@link ConflictDay}) hold: the same fields in both places.
 */
public final class ConflictCodec implements DocumentCodec<ConflictView> {

    static final String CALENDAR_ID = "calendar_id";
    static final String STATUS = "status";
    static final String TYPE = "type";
    static final String LEVEL = "level";
    static final String START = "start";
    static final String END = "end";
    static final String CAPACITY = "capacity";
    static final String PEAK_CONCURRENCY = "peak_concurrency";
    static final String ENTRIES = "entries";
    static final String ENTRY_KIND = "kind";
    static final String ENTRY_ID = "entry_id";
    static final String ENTRY_TITLE = "title";
    static final String ENTRY_BUSY = "busy";
    static final String RESOURCE_ID = "resource_id";
    static final String RESOURCE_TYPE = "resource_type";
    static final String BOOKINGS = "bookings";
    static final String CALENDAR = "calendar_id";
    static final String ROLE = "role";
    static final String LINK = "link";
    static final String PRIMARY_ID = "primary_id";
    static final String PRIMARY_CALENDAR_ID = "primary_calendar_id";
    static final String FOLLOWER_ID = "follower_id";
    static final String FOLLOWER_CALENDAR_ID = "follower_calendar_id";
    static final String OFFSET_SECONDS = "offset_seconds";
    static final String PROBLEM = "problem";
    static final String DETECTED_AT = "detected_at";
    static final String CLEARED_AT = "cleared_at";
    static final String CLEARED_REASON = "cleared_reason";
    static final String ESCALATION = "escalation";
    static final String RESOLUTION = "resolution";
    static final String DISMISSAL = "dismissal";
    static final String TO = "to";
    static final String REASON = "reason";
    static final String BY = "by";
    static final String AT = "at";
    static final String AUTOMATIC = "automatic";
    static final String METHOD = "method";
    static final String NOTE = "note";

    @Override
    public String id(ConflictView conflict) {
        return conflict.id();
    }

    @Override
    public Document encode(ConflictView conflict) {
        return fields(conflict).append("_id", conflict.id());
    }

    @Override
    public ConflictView decode(Document document) {
        return decode(document.getString("_id"), document);
    }

    /** The conflict's fields without its id, as a list copy holds them under the id. */
    static Document fields(ConflictView conflict) {
        Document document = new Document(CALENDAR_ID, conflict.calendarId()).append(STATUS, wire(conflict.status()));
        putIfPresent(document, TYPE, conflict.type() == null ? null : wire(conflict.type()));
        putIfPresent(document, LEVEL, conflict.level() == null ? null : wire(conflict.level()));
        putIfPresent(document, START, conflict.start());
        putIfPresent(document, END, conflict.end());
        putIfPresent(document, CAPACITY, conflict.capacity());
        putIfPresent(document, PEAK_CONCURRENCY, conflict.peakConcurrency());
        document.append(ENTRIES, conflict.entries().stream().map(ConflictCodec::entry).toList());
        putIfPresent(document, RESOURCE_ID, conflict.resourceId());
        putIfPresent(document, RESOURCE_TYPE, conflict.resourceType() == null ? null : wire(conflict.resourceType()));
        if (!conflict.bookings().isEmpty()) {
            document.append(BOOKINGS, conflict.bookings().stream()
                    .map(booking -> new Document(ENTRY_KIND, wire(booking.kind())).append(ENTRY_ID, booking.entryId())
                            .append(CALENDAR, booking.calendarId()).append(ROLE, wire(booking.role())))
                    .toList());
        }
        putIfPresent(document, LINK, conflict.link() == null ? null : encode(conflict.link()));
        putIfPresent(document, DETECTED_AT, conflict.detectedAt());
        putIfPresent(document, CLEARED_AT, conflict.clearedAt());
        putIfPresent(document, CLEARED_REASON, conflict.clearedReason());
        putIfPresent(document, ESCALATION, conflict.escalation() == null ? null : encode(conflict.escalation()));
        putIfPresent(document, RESOLUTION, conflict.resolution() == null ? null : encode(conflict.resolution()));
        putIfPresent(document, DISMISSAL, conflict.dismissal() == null ? null : encode(conflict.dismissal()));
        return document.append(Versioned.FIELD, conflict.version());
    }

    static ConflictView decode(String id, Document document) {
        return new ConflictView(
                id,
                string(document, CALENDAR_ID),
                status(string(document, STATUS)),
                fromWireOrNull(ConflictType.class, document.getString(TYPE)),
                fromWireOrNull(ConflictLevel.class, document.getString(LEVEL)),
                instantOrNull(document, START),
                instantOrNull(document, END),
                document.getInteger(CAPACITY),
                document.getInteger(PEAK_CONCURRENCY),
                document.getList(ENTRIES, Document.class, List.of()).stream().map(ConflictCodec::entry).toList(),
                document.getString(RESOURCE_ID),
                fromWireOrNull(ResourceType.class, document.getString(RESOURCE_TYPE)),
                document.getList(BOOKINGS, Document.class, List.of()).stream().map(ConflictCodec::booking).toList(),
                link(document.get(LINK, Document.class)),
                instantOrNull(document, DETECTED_AT),
                instantOrNull(document, CLEARED_AT),
                document.getString(CLEARED_REASON),
                escalation(document.get(ESCALATION, Document.class)),
                resolution(document.get(RESOLUTION, Document.class)),
                dismissal(document.get(DISMISSAL, Document.class)),
                longValue(document, Versioned.FIELD));
    }

    /** A document written before the lifecycle says {@code active} where it now says {@code detected}. */
    private static ConflictStatus status(String stored) {
        return "active".equals(stored) ? ConflictStatus.DETECTED : fromWire(ConflictStatus.class, stored);
    }

    private static Document encode(ConflictView.Link link) {
        return new Document(PRIMARY_ID, link.primaryId()).append(PRIMARY_CALENDAR_ID, link.primaryCalendarId())
                .append(FOLLOWER_ID, link.followerId()).append(FOLLOWER_CALENDAR_ID, link.followerCalendarId())
                .append(OFFSET_SECONDS, link.offsetSeconds()).append(PROBLEM, wire(link.problem()));
    }

    private static ConflictView.@Nullable Link link(@Nullable Document document) {
        return document == null ? null : new ConflictView.Link(string(document, PRIMARY_ID), string(document, PRIMARY_CALENDAR_ID),
                string(document, FOLLOWER_ID), string(document, FOLLOWER_CALENDAR_ID), longValue(document, OFFSET_SECONDS),
                fromWire(LinkProblem.class, string(document, PROBLEM)));
    }

    private static Document encode(ConflictView.Escalation escalation) {
        return new Document(TO, escalation.to()).append(REASON, escalation.reason()).append(BY, escalation.by())
                .append(AT, date(escalation.at())).append(AUTOMATIC, escalation.automatic());
    }

    private static Document encode(ConflictView.Resolution resolution) {
        Document document = new Document(METHOD, wire(resolution.method())).append(BY, resolution.by());
        putIfPresent(document, NOTE, resolution.note());
        return document.append(AT, date(resolution.at()));
    }

    private static Document encode(ConflictView.Dismissal dismissal) {
        return new Document(BY, dismissal.by()).append(REASON, dismissal.reason()).append(AT, date(dismissal.at()));
    }

    private static ConflictView.@Nullable Escalation escalation(@Nullable Document document) {
        return document == null ? null : new ConflictView.Escalation(string(document, TO), string(document, REASON),
                string(document, BY), instant(document, AT), document.getBoolean(AUTOMATIC, false));
    }

    private static ConflictView.@Nullable Resolution resolution(@Nullable Document document) {
        return document == null ? null : new ConflictView.Resolution(fromWire(ResolutionMethod.class, string(document, METHOD)),
                string(document, BY), document.getString(NOTE), instant(document, AT));
    }

    private static ConflictView.@Nullable Dismissal dismissal(@Nullable Document document) {
        return document == null ? null : new ConflictView.Dismissal(string(document, BY), string(document, REASON), instant(document, AT));
    }

    private static ConflictView.Booking booking(Document booking) {
        return new ConflictView.Booking(fromWire(EntryKind.class, string(booking, ENTRY_KIND)), string(booking, ENTRY_ID),
                string(booking, CALENDAR), fromWire(ResourceRole.class, string(booking, ROLE)));
    }

    /** An entry's fields; busy only where the conflict is shown to a caller (the change feed), never in the store. */
    private static Document entry(ConflictView.Entry entry) {
        Document document = new Document(ENTRY_KIND, wire(entry.kind()))
                .append(ENTRY_ID, entry.entryId())
                .append(ENTRY_TITLE, entry.title())
                .append(START, date(entry.start()))
                .append(END, date(entry.end()));
        putIfPresent(document, ENTRY_BUSY, entry.busy() == null ? null : wire(entry.busy()));
        return document;
    }

    private static ConflictView.Entry entry(Document entry) {
        return new ConflictView.Entry(fromWire(ConflictEntryKind.class, string(entry, ENTRY_KIND)), string(entry, ENTRY_ID),
                string(entry, ENTRY_TITLE), instant(entry, START), instant(entry, END));
    }
}
