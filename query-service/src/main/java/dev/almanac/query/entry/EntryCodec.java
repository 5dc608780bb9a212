package dev.almanac.query.entry;

import static dev.almanac.query.readmodel.MongoValues.date;
import static dev.almanac.query.readmodel.MongoValues.fromWire;
import static dev.almanac.query.readmodel.MongoValues.fromWireOrNull;
import static dev.almanac.query.readmodel.MongoValues.instant;
import static dev.almanac.query.readmodel.MongoValues.instantOrNull;
import static dev.almanac.query.readmodel.MongoValues.longValue;
import static dev.almanac.query.readmodel.MongoValues.putIfPresent;
import static dev.almanac.query.readmodel.MongoValues.strings;
import static dev.almanac.query.readmodel.MongoValues.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.events.EntryKind;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.rule.DstResolution;
import dev.almanac.events.schedule.ItemSource;
import dev.almanac.events.schedule.Priority;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.events.schedule.ResourceRole;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.query.readmodel.DocumentCodec;
import dev.almanac.query.readmodel.Versioned;

/**
 * {@link Entry} as its document in {@code entries}, in snake_case like the JSON, instants as BSON
 * dates. An item whose scheduling was projected also holds {@code resources} ({@code [{resource_id,
 * role}]}), {@code metadata} and, when its event named one, {@code owner}.
 */
public final class EntryCodec implements DocumentCodec<Entry> {

    static final String KIND = "kind";
    static final String SOURCE = "source";
    static final String CALENDAR_ID = "calendar_id";
    static final String TITLE = "title";
    static final String TYPE = "type";
    static final String START = "start";
    static final String END = "end";
    static final String TIMEZONE = "timezone";
    static final String PRIORITY = "priority";
    static final String TAGS = "tags";
    static final String RULE_ID = "rule_id";
    static final String RULE_VERSION = "rule_version";
    static final String RESOLVED_AT = "resolved_at";
    static final String NOMINAL_LOCAL_TIME = "nominal_local_time";
    static final String DST_RESOLUTION = "dst_resolution";
    static final String TZDATA_VERSION = "tzdata_version";
    static final String RESCHEDULE_COUNT = "reschedule_count";
    static final String PREVIOUS_START = "previous_start";
    static final String PREVIOUS_END = "previous_end";
    static final String RESCHEDULE_REASON = "reschedule_reason";
    static final String STATUS = "status";
    static final String CANCEL_REASON = "cancel_reason";
    static final String RESOURCES = "resources";
    static final String RESOURCE_ID = "resource_id";
    static final String ROLE = "role";
    static final String METADATA = "metadata";
    static final String OWNER = "owner";
    static final String PRIVATE = "private";

    /** Metadata is the client's JSON object, kept as its text: its keys may hold the dots and dollars field names may not. */
    private static final JsonMapper METADATA_JSON = AlmanacJson.eventMapper();
    private static final TypeReference<Map<String, @Nullable Object>> METADATA_TYPE = new TypeReference<>() {
    };
    static final String DEPENDENCIES = "dependencies";
    static final String PRIMARY = "primary";
    static final String FOLLOWERS = "followers";
    static final String ATTACHMENTS = "attachments";
    private static final String ITEM_ID = "item_id";
    private static final String OFFSET_SECONDS = "offset_seconds";

    @Override
    public String id(Entry entry) {
        return entry.id();
    }

    @Override
    public Document encode(Entry entry) {
        Document document = new Document("_id", entry.id())
                .append(KIND, wire(entry.kind()))
                .append(SOURCE, wire(entry.source()))
                .append(CALENDAR_ID, entry.calendarId());
        putIfPresent(document, TITLE, entry.title());
        putIfPresent(document, TYPE, entry.type());
        document.append(START, date(entry.start())).append(END, date(entry.end()));
        putIfPresent(document, TIMEZONE, entry.timezone());
        putIfPresent(document, PRIORITY, entry.priority() == null ? null : wire(entry.priority()));
        document.append(TAGS, entry.tags());
        putIfPresent(document, RULE_ID, entry.ruleId());
        putIfPresent(document, RULE_VERSION, entry.ruleVersion());
        putIfPresent(document, RESOLVED_AT, entry.resolvedAt());
        putIfPresent(document, NOMINAL_LOCAL_TIME, entry.nominalLocalTime());
        putIfPresent(document, DST_RESOLUTION, entry.dstResolution() == null ? null : wire(entry.dstResolution()));
        putIfPresent(document, TZDATA_VERSION, entry.tzdataVersion());
        document.append(RESCHEDULE_COUNT, entry.rescheduleCount());
        putIfPresent(document, PREVIOUS_START, entry.previousStart());
        putIfPresent(document, PREVIOUS_END, entry.previousEnd());
        putIfPresent(document, RESCHEDULE_REASON, entry.rescheduleReason());
        document.append(STATUS, wire(entry.status()));
        putIfPresent(document, CANCEL_REASON, entry.cancelReason());
        if (entry.details() != null) {
            List<Document> resources = new ArrayList<>();
            for (ResourceBooking booking : entry.details().resources()) {
                resources.add(new Document(RESOURCE_ID, booking.resourceId().value()).append(ROLE, wire(booking.role())));
            }
            document.append(RESOURCES, resources).append(METADATA, METADATA_JSON.writeValueAsString(entry.details().metadata()));
            putIfPresent(document, OWNER, entry.details().owner());
            if (entry.details().privateItem()) {
                document.append(PRIVATE, true);
            }
        }
        encode(entry.relations(), document);
        return document.append(Versioned.FIELD, entry.version());
    }

    /** An item's details once its scheduling was projected: the document then holds its resources. */
    private static @Nullable ItemDetails details(Document document) {
        if (!document.containsKey(RESOURCES)) {
            return null;
        }
        List<ResourceBooking> resources = new ArrayList<>();
        for (Document booking : document.getList(RESOURCES, Document.class)) {
            resources.add(new ResourceBooking(ResourceId.of(booking.getString(RESOURCE_ID)), fromWire(ResourceRole.class, booking.getString(ROLE))));
        }
        String metadata = document.getString(METADATA);
        return new ItemDetails(resources, metadata == null ? Map.of() : METADATA_JSON.readValue(metadata, METADATA_TYPE),
                EntrySource.API.name().equalsIgnoreCase(document.getString(SOURCE)) ? ItemSource.API : ItemSource.MANUAL,
                document.getString(OWNER), document.getBoolean(PRIVATE, false));
    }

    /** Only what an item has: an entry without dependencies, links or attachments keeps none of these fields. */
    private static void encode(ItemRelations relations, Document document) {
        if (!relations.dependencies().isEmpty()) {
            document.append(DEPENDENCIES, relations.dependencies());
        }
        if (relations.primary() != null) {
            document.append(PRIMARY, link(relations.primary()));
        }
        if (!relations.followers().isEmpty()) {
            document.append(FOLLOWERS, relations.followers().stream().map(EntryCodec::link).toList());
        }
        if (!relations.attachments().isEmpty()) {
            document.append(ATTACHMENTS, relations.attachments().stream().map(attachment -> {
                Document encoded = new Document("id", attachment.id()).append("name", attachment.name())
                        .append("media_type", attachment.mediaType()).append("size_bytes", attachment.sizeBytes());
                putIfPresent(encoded, "url", attachment.url());
                putIfPresent(encoded, "storage_key", attachment.storageKey());
                return encoded;
            }).toList());
        }
    }

    private static Document link(ItemRelations.Link link) {
        return new Document(ITEM_ID, link.itemId()).append(OFFSET_SECONDS, link.offsetSeconds());
    }

    private static ItemRelations relations(Document document) {
        Document primary = document.get(PRIMARY, Document.class);
        return new ItemRelations(strings(document, DEPENDENCIES), primary == null ? null : link(primary),
                documents(document, FOLLOWERS).stream().map(EntryCodec::link).toList(),
                documents(document, ATTACHMENTS).stream().map(attachment -> new ItemRelations.Attachment(attachment.getString("id"),
                        attachment.getString("name"), attachment.getString("media_type"), longValue(attachment, "size_bytes"),
                        attachment.getString("url"), attachment.getString("storage_key"))).toList());
    }

    private static ItemRelations.Link link(Document link) {
        return new ItemRelations.Link(link.getString(ITEM_ID), longValue(link, OFFSET_SECONDS));
    }

    private static List<Document> documents(Document document, String field) {
        List<?> values = document.get(field, List.class);
        return values == null ? List.of() : values.stream().map(Document.class::cast).toList();
    }

    @Override
    public Entry decode(Document document) {
        Number ruleVersion = document.get(RULE_VERSION, Number.class);
        return new Entry(
                document.getString("_id"),
                fromWire(EntryKind.class, document.getString(KIND)),
                document.getString(CALENDAR_ID),
                document.getString(TITLE),
                document.getString(TYPE),
                instant(document, START),
                instant(document, END),
                document.getString(TIMEZONE),
                fromWireOrNull(Priority.class, document.getString(PRIORITY)),
                strings(document, TAGS),
                document.getString(RULE_ID),
                ruleVersion == null ? null : ruleVersion.longValue(),
                instantOrNull(document, RESOLVED_AT),
                document.getString(NOMINAL_LOCAL_TIME),
                fromWireOrNull(DstResolution.class, document.getString(DST_RESOLUTION)),
                document.getString(TZDATA_VERSION),
                (int) longValue(document, RESCHEDULE_COUNT),
                instantOrNull(document, PREVIOUS_START),
                instantOrNull(document, PREVIOUS_END),
                document.getString(RESCHEDULE_REASON),
                // Documents written before items had a status are scheduled ones.
                document.containsKey(STATUS) ? fromWire(EntryStatus.class, document.getString(STATUS)) : EntryStatus.SCHEDULED,
                document.getString(CANCEL_REASON),
                details(document),
                longValue(document, Versioned.FIELD),
                relations(document));
    }
}
