package dev.almanac.query.calendar;

import static dev.almanac.query.readmodel.MongoValues.date;
import static dev.almanac.query.readmodel.MongoValues.fromWire;
import static dev.almanac.query.readmodel.MongoValues.instant;
import static dev.almanac.query.readmodel.MongoValues.instantOrNull;
import static dev.almanac.query.readmodel.MongoValues.longValue;
import static dev.almanac.query.readmodel.MongoValues.putIfPresent;
import static dev.almanac.query.readmodel.MongoValues.wire;

import java.time.ZoneId;

import org.bson.Document;

import dev.almanac.events.calendar.CalendarOwner;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.calendar.OwnerType;
import dev.almanac.query.readmodel.DocumentCodec;
import dev.almanac.query.readmodel.Versioned;

/** {@link CalendarView} as its document in {@code calendars}. */
public final class CalendarCodec implements DocumentCodec<CalendarView> {

    static final String NAME = "name";
    static final String TYPE = "type";
    static final String TIMEZONE = "timezone";
    static final String CAPACITY = "capacity";
    static final String OVERBOOKING_POLICY = "overbooking_policy";
    static final String CREATED_AT = "created_at";
    static final String DESCRIPTION = "description";
    static final String OWNER = "owner";
    static final String OWNER_ID = "id";
    static final String OWNER_TYPE = "type";
    static final String MIN_DURATION = "min_duration";
    static final String MAX_DURATION = "max_duration";
    static final String DEFAULT_DURATION = "default_duration";
    static final String ACTIVE = "active";
    static final String DEACTIVATED_AT = "deactivated_at";
    static final String DEACTIVATION_REASON = "deactivation_reason";
    /** Present on a deleted calendar's tombstone (ADR 0084). */
    static final String DELETED_AT = "deleted_at";

    @Override
    public String id(CalendarView calendar) {
        return calendar.id();
    }

    @Override
    public Document encode(CalendarView calendar) {
        Document document = new Document("_id", calendar.id())
                .append(NAME, calendar.name())
                .append(TYPE, wire(calendar.type()))
                .append(TIMEZONE, calendar.timezone().getId())
                .append(CAPACITY, calendar.capacity())
                .append(OVERBOOKING_POLICY, wire(calendar.overbookingPolicy()))
                .append(MIN_DURATION, calendar.minDuration())
                .append(MAX_DURATION, calendar.maxDuration())
                .append(ACTIVE, calendar.active())
                .append(CREATED_AT, date(calendar.createdAt()))
                .append(Versioned.FIELD, calendar.version());
        putIfPresent(document, DESCRIPTION, calendar.description());
        putIfPresent(document, DEFAULT_DURATION, calendar.defaultDuration());
        putIfPresent(document, DEACTIVATION_REASON, calendar.deactivationReason());
        if (calendar.deactivatedAt() != null) {
            document.append(DEACTIVATED_AT, date(calendar.deactivatedAt()));
        }
        if (calendar.deletedAt() != null) {
            document.append(DELETED_AT, date(calendar.deletedAt()));
        }
        if (calendar.owner() != null) {
            document.append(OWNER, new Document(OWNER_ID, calendar.owner().id()).append(OWNER_TYPE, wire(calendar.owner().type())));
        }
        return document;
    }

    @Override
    public CalendarView decode(Document document) {
        Document owner = document.get(OWNER, Document.class);
        return new CalendarView(
                document.getString("_id"),
                document.getString(NAME),
                document.getString(DESCRIPTION),
                fromWire(CalendarType.class, document.getString(TYPE)),
                ZoneId.of(document.getString(TIMEZONE)),
                document.getInteger(CAPACITY, 0),
                fromWire(OverbookingPolicy.class, document.getString(OVERBOOKING_POLICY)),
                owner == null ? null : new CalendarOwner(owner.getString(OWNER_ID), fromWire(OwnerType.class, owner.getString(OWNER_TYPE))),
                document.getString(MIN_DURATION),
                document.getString(MAX_DURATION),
                document.getString(DEFAULT_DURATION),
                document.getBoolean(ACTIVE, true),
                instantOrNull(document, DEACTIVATED_AT),
                document.getString(DEACTIVATION_REASON),
                instant(document, CREATED_AT),
                longValue(document, Versioned.FIELD),
                instantOrNull(document, DELETED_AT));
    }
}
