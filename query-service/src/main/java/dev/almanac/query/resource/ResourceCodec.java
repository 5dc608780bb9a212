package dev.almanac.query.resource;

import static dev.almanac.query.readmodel.MongoValues.date;
import static dev.almanac.query.readmodel.MongoValues.fromWire;
import static dev.almanac.query.readmodel.MongoValues.instant;
import static dev.almanac.query.readmodel.MongoValues.longValue;
import static dev.almanac.query.readmodel.MongoValues.putIfPresent;
import static dev.almanac.query.readmodel.MongoValues.wire;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;

import dev.almanac.events.calendar.ResourceType;
import dev.almanac.events.calendar.UnavailableRange;
import dev.almanac.query.readmodel.DocumentCodec;
import dev.almanac.query.readmodel.Versioned;

/**
 * {@link ResourceView} as its document in {@code resources}:
 * <pre>
 * {_id: "res-projector", name, type, timezone, description, created_at, version,
 *  unavailable: [{start, end, reason}, …]}   by start
 * </pre>
 */
public final class ResourceCodec implements DocumentCodec<ResourceView> {

    static final String NAME = "name";
    static final String TYPE = "type";
    static final String TIMEZONE = "timezone";
    static final String DESCRIPTION = "description";
    static final String UNAVAILABLE = "unavailable";
    static final String START = "start";
    static final String END = "end";
    static final String REASON = "reason";
    static final String CREATED_AT = "created_at";

    @Override
    public String id(ResourceView resource) {
        return resource.id();
    }

    @Override
    public Document encode(ResourceView resource) {
        List<Document> ranges = new ArrayList<>(resource.unavailable().size());
        for (UnavailableRange range : resource.unavailable()) {
            Document document = new Document(START, date(range.start())).append(END, date(range.end()));
            putIfPresent(document, REASON, range.reason());
            ranges.add(document);
        }
        Document document = new Document("_id", resource.id())
                .append(NAME, resource.name())
                .append(TYPE, wire(resource.type()))
                .append(TIMEZONE, resource.timezone().getId());
        putIfPresent(document, DESCRIPTION, resource.description());
        return document.append(UNAVAILABLE, ranges)
                .append(CREATED_AT, date(resource.createdAt()))
                .append(Versioned.FIELD, resource.version());
    }

    @Override
    public ResourceView decode(Document document) {
        List<UnavailableRange> ranges = new ArrayList<>();
        for (Document range : document.getList(UNAVAILABLE, Document.class, List.of())) {
            ranges.add(new UnavailableRange(instant(range, START), instant(range, END), range.getString(REASON)));
        }
        return new ResourceView(
                document.getString("_id"),
                document.getString(NAME),
                fromWire(ResourceType.class, document.getString(TYPE)),
                ZoneId.of(document.getString(TIMEZONE)),
                document.getString(DESCRIPTION),
                ranges,
                instant(document, CREATED_AT),
                longValue(document, Versioned.FIELD));
    }
}
