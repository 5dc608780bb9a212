package dev.almanac.query.access;

import static dev.almanac.query.readmodel.MongoValues.fromWire;
import static dev.almanac.query.readmodel.MongoValues.longValue;
import static dev.almanac.query.readmodel.MongoValues.wire;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;

import dev.almanac.events.calendar.CalendarOwner;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.OwnerType;
import dev.almanac.query.readmodel.DocumentCodec;
import dev.almanac.query.readmodel.Versioned;

/** {@link CalendarAccessView} as its document in {@code calendar_access}, keyed by calendar id. */
final class CalendarAccessCodec implements DocumentCodec<CalendarAccessView> {

    static final String OWNER = "owner";
    static final String GRANTS = "grants";

    @Override
    public String id(CalendarAccessView access) {
        return access.calendarId();
    }

    @Override
    public Document encode(CalendarAccessView access) {
        Document document = new Document("_id", access.calendarId());
        if (access.owner() != null) {
            document.append(OWNER, new Document("id", access.owner().id()).append("type", wire(access.owner().type())));
        }
        List<Document> grants = new ArrayList<>();
        access.grants().forEach(grant -> grants.add(new Document("user_id", grant.userId()).append("role", wire(grant.role()))));
        return document.append(GRANTS, grants).append(Versioned.FIELD, access.version());
    }

    @Override
    public CalendarAccessView decode(Document document) {
        Document owner = document.get(OWNER, Document.class);
        List<CalendarAccessView.Grant> grants = new ArrayList<>();
        for (Document grant : document.getList(GRANTS, Document.class, List.of())) {
            grants.add(new CalendarAccessView.Grant(grant.getString("user_id"), fromWire(CalendarRole.class, grant.getString("role"))));
        }
        return new CalendarAccessView(document.getString("_id"),
                owner == null ? null : new CalendarOwner(owner.getString("id"), fromWire(OwnerType.class, owner.getString("type"))),
                grants, longValue(document, Versioned.FIELD));
    }
}
