package dev.almanac.query.calendar;

import static dev.almanac.query.readmodel.MongoValues.date;
import static dev.almanac.query.readmodel.MongoValues.fromWire;
import static dev.almanac.query.readmodel.MongoValues.instant;
import static dev.almanac.query.readmodel.MongoValues.longValue;
import static dev.almanac.query.readmodel.MongoValues.wire;

import java.time.ZoneId;

import org.bson.Document;

import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.OverbookingPolicy;
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

    @Override
    public String id(CalendarView calendar) {
        return calendar.id();
    }

    @Override
    public Document encode(CalendarView calendar) {
        return new Document("_id", calendar.id())
                .append(NAME, calendar.name())
                .append(TYPE, wire(calendar.type()))
                .append(TIMEZONE, calendar.timezone().getId())
                .append(CAPACITY, calendar.capacity())
                .append(OVERBOOKING_POLICY, wire(calendar.overbookingPolicy()))
                .append(CREATED_AT, date(calendar.createdAt()))
                .append(Versioned.FIELD, calendar.version());
    }

    @Override
    public CalendarView decode(Document document) {
        return new CalendarView(
                document.getString("_id"),
                document.getString(NAME),
                fromWire(CalendarType.class, document.getString(TYPE)),
                ZoneId.of(document.getString(TIMEZONE)),
                document.getInteger(CAPACITY, 0),
                fromWire(OverbookingPolicy.class, document.getString(OVERBOOKING_POLICY)),
                instant(document, CREATED_AT),
                longValue(document, Versioned.FIELD));
    }
}
