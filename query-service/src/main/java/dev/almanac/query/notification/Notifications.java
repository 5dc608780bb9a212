package dev.almanac.query.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.events.notification.NotificationCategory;
import dev.almanac.events.notification.NotificationDeliveryRecorded;
import dev.almanac.events.notification.NotificationRaised;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.query.readmodel.Locks;
import dev.almanac.query.readmodel.MapKeys;
import dev.almanac.query.readmodel.ReadModel;

/**
 * The notification centre's read model, read and written by key only: {@value #COLLECTION}, one document per
 * notification by its id (the event's JSON as it came), and {@value #INBOXES}, one per user by user id, listing the
 * user's notifications (id, time, category) and when the user read and acknowledged each (by notification id, escaped
 * as {@link MapKeys} does). A page reads its notifications by id, at most 50 at once.
 *
 * <p>Each document carries the {@code lock} that every read model's unique index asks for ({@link Locks}); nothing here
 * writes by compare-and-set, so it never changes. A user's notifications come on one partition, which one listener thread writes, so an inbox's entries have one
 * writer; the marks are set by the user's requests, each an update of its own field, so neither loses the other's
 * write. A notification already listed is not listed again: a redelivered one changes nothing.
 */
@Component
public class Notifications implements ReadModel {

    public static final String COLLECTION = "notifications";
    public static final String INBOXES = "notification_inboxes";

    private static final JsonMapper JSON = AlmanacJson.eventMapper();
    private static final String ENTRIES = "entries";
    private static final String READ = "read";
    private static final String ACKNOWLEDGED = "acknowledged";
    private static final String DELIVERIES = "deliveries";

    private final MongoCollection<Document> notifications;
    private final MongoCollection<Document> inboxes;
    private final Duration timeout;

    public Notifications(MongoDatabase database, @Value("${almanac.query.projection-write-timeout:30s}") Duration timeout) {
        this.notifications = database.getCollection(COLLECTION);
        this.inboxes = database.getCollection(INBOXES);
        this.timeout = timeout;
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION, INBOXES);
    }

    /**
     * Lists each notification in its recipient's inbox, once: the notification's document first, so that every entry
     * listed can be read. Blocks until written.
     *
     * @return the notifications that were new to their inboxes
     */
    public List<NotificationRaised> add(List<NotificationRaised> raised) {
        Map<String, List<NotificationRaised>> byUser = new LinkedHashMap<>();
        raised.forEach(notification -> byUser.computeIfAbsent(notification.recipient().value(), user -> new ArrayList<>()).add(notification));
        List<NotificationRaised> added = new ArrayList<>();
        byUser.forEach((user, theirs) -> {
            Inbox inbox = inbox(user).block(timeout);
            Set<String> listed = new LinkedHashSet<>();
            inbox.entries().forEach(entry -> listed.add(entry.id()));
            List<NotificationRaised> fresh = theirs.stream().filter(notification -> listed.add(notification.notificationId().value())).toList();
            if (fresh.isEmpty()) {
                return;
            }
            List<UpdateOneModel<Document>> documents = fresh.stream()
                    .map(notification -> new UpdateOneModel<Document>(Filters.eq("_id", notification.notificationId().value()),
                            // set, not setOnInsert: a delivery line may have made the document first (recordDeliveries).
                            Updates.combine(Updates.setOnInsert(Locks.FIELD, Locks.token(notification.notificationId().value(), 1)),
                                    Updates.set("recipient", user),
                                    Updates.set("event", JSON.writeValueAsString(notification))),
                            new UpdateOptions().upsert(true)))
                    .toList();
            Mono.from(notifications.bulkWrite(documents)).block(timeout);
            List<Document> entries = fresh.stream()
                    .map(notification -> new Document("id", notification.notificationId().value())
                            .append("at", Date.from(notification.occurredAt()))
                            .append("category", notification.category().name().toLowerCase(Locale.ROOT)))
                    .toList();
            Mono.from(inboxes.updateOne(Filters.eq("_id", user), Updates.combine(Updates.pushEach(ENTRIES, entries),
                            Updates.setOnInsert(Locks.FIELD, Locks.token(user, Locks.firstRevision()))), new UpdateOptions().upsert(true)))
                    .block(timeout);
            added.addAll(fresh);
        });
        return added;
    }

    /**
     * Adds each line to its notification's delivery history, once (by the line's event id): the deliverer's topic is read
     * by a listener of its own, so a line may come before its notification, and then makes the document the
     * notification completes. Blocks until written.
     */
    public void recordDeliveries(List<NotificationDeliveryRecorded> lines) {
        if (lines.isEmpty()) {
            return;
        }
        List<UpdateOneModel<Document>> updates = lines.stream()
                .map(line -> new UpdateOneModel<Document>(Filters.eq("_id", line.notificationId().value()),
                        Updates.combine(Updates.setOnInsert(Locks.FIELD, Locks.token(line.notificationId().value(), 1)),
                                Updates.addToSet(DELIVERIES, new Document("id", line.eventId()).append("line", JSON.writeValueAsString(line)))),
                        new UpdateOptions().upsert(true)))
                .toList();
        Mono.from(notifications.bulkWrite(updates)).block(timeout);
    }

    /** The user's inbox; an empty one for a user who has none. */
    public Mono<Inbox> inbox(String user) {
        return Mono.from(inboxes.find(Filters.eq("_id", user)).first()).map(Notifications::decode).defaultIfEmpty(Inbox.emptyOf(user));
    }

    /** The notifications of these ids, in their order, each read by id. */
    public Mono<Map<String, Stored>> find(List<String> ids) {
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        return Flux.from(notifications.find(Filters.in("_id", ids)))
                .filter(document -> document.getString("event") != null)
                .collectMap(document -> document.getString("_id"), Notifications::stored)
                .map(found -> {
                    Map<String, Stored> ordered = new LinkedHashMap<>();
                    ids.stream().filter(found::containsKey).forEach(id -> ordered.put(id, found.get(id)));
                    return ordered;
                });
    }

    /** Marks the notification read at {@code at}, unless it was already; the time first set stays. */
    public Mono<Void> markRead(String user, String id, Instant at) {
        return mark(user, READ, id, at);
    }

    /** Marks the notification acknowledged, and read, at {@code at}, unless it was already; the times first set stay. */
    public Mono<Void> acknowledge(String user, String id, Instant at) {
        return mark(user, READ, id, at).then(mark(user, ACKNOWLEDGED, id, at));
    }

    private Mono<Void> mark(String user, String field, String id, Instant at) {
        // $min keeps the time first set, and the filter stays a key lookup (with the path's absence in it, the store walks
        // every inbox).
        String path = field + "." + MapKeys.encode(id);
        return Mono.from(inboxes.updateOne(Filters.eq("_id", user), Updates.min(path, Date.from(at)))).then();
    }

    /** A notification as raised, with its delivery history in the order recorded. */
    public record Stored(NotificationRaised raised, List<DeliveryStep> deliveries) {
    }

    private static Stored stored(Document document) {
        List<DeliveryStep> history = document.getList(DELIVERIES, Document.class, List.of()).stream()
                .map(line -> DeliveryStep.of(JSON.readValue(line.getString("line"), NotificationDeliveryRecorded.class)))
                .sorted(java.util.Comparator.comparing(DeliveryStep::at))
                .toList();
        return new Stored(JSON.readValue(document.getString("event"), NotificationRaised.class), history);
    }

    private static Inbox decode(Document document) {
        List<Inbox.Entry> entries = new ArrayList<>();
        for (Document entry : document.getList(ENTRIES, Document.class, List.of())) {
            entries.add(new Inbox.Entry(entry.getString("id"), entry.getDate("at").toInstant(),
                    NotificationCategory.valueOf(entry.getString("category").toUpperCase(Locale.ROOT))));
        }
        return new Inbox(document.getString("_id"), entries, marks(document, READ), marks(document, ACKNOWLEDGED));
    }

    private static Map<String, Instant> marks(Document document, String field) {
        Map<String, Instant> marks = new HashMap<>();
        Document stored = document.get(field, Document.class);
        if (stored != null) {
            stored.forEach((key, at) -> marks.put(MapKeys.decode(key), ((Date) at).toInstant()));
        }
        return marks;
    }
}
