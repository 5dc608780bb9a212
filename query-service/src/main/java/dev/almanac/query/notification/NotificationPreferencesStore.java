package dev.almanac.query.notification;

import java.time.Duration;
import java.util.List;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.events.notification.CalendarNotificationPolicySet;
import dev.almanac.events.notification.NotificationPreferencesSet;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.query.readmodel.Locks;
import dev.almanac.query.readmodel.ReadModel;

/**
 * {@value #COLLECTION}: one document per user, by user id, holding their latest preferences and its version;
 * {@value #POLICIES}: one per calendar, by calendar id, holding its latest notification policy. A version older than the
 * one held changes nothing, so a redelivered or reordered event never undoes a later one.
 */
@Component
public class NotificationPreferencesStore implements ReadModel {

    public static final String COLLECTION = "notification_preferences";
    public static final String POLICIES = "calendar_notification_policies";

    private static final JsonMapper JSON = AlmanacJson.eventMapper();

    private final MongoCollection<Document> preferences;
    private final MongoCollection<Document> policies;
    private final Duration timeout;

    public NotificationPreferencesStore(MongoDatabase database, @Value("${almanac.query.projection-write-timeout:30s}") Duration timeout) {
        this.preferences = database.getCollection(COLLECTION);
        this.policies = database.getCollection(POLICIES);
        this.timeout = timeout;
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION, POLICIES);
    }

    /** Keeps {@code set} at {@code version} unless a later version is held. Blocks until written. */
    public void put(NotificationPreferencesSet set, long version) {
        keep(preferences, set.userId().value(), version, JSON.writeValueAsString(set));
    }

    /** Keeps {@code policy} at {@code version} unless a later version is held. Blocks until written. */
    public void put(CalendarNotificationPolicySet policy, long version) {
        keep(policies, policy.calendarId().value(), version, JSON.writeValueAsString(policy));
    }

    private void keep(MongoCollection<Document> collection, String id, long version, String event) {
        Document document = new Document("_id", id).append(Locks.FIELD, Locks.token(id, version + 1)).append("version", version)
                .append("event", event);
        try {
            Mono.from(collection.replaceOne(Filters.and(Filters.eq("_id", id), Filters.lt("version", version)), document,
                    new ReplaceOptions().upsert(true))).block(timeout);
        } catch (MongoWriteException held) {
            // The filter missed a document of a later (or the same) version, and the upsert collided with it: nothing to do.
            if (held.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw held;
            }
        }
    }

    public Mono<PolicyView> findPolicy(String calendarId) {
        return Mono.from(policies.find(Filters.eq("_id", calendarId)).first())
                .map(document -> PolicyView.of(JSON.readValue(document.getString("event"), CalendarNotificationPolicySet.class),
                        document.get("version", Number.class).longValue()));
    }

    public Mono<PreferencesView> find(String user) {
        return Mono.from(preferences.find(Filters.eq("_id", user)).first())
                .map(document -> PreferencesView.of(JSON.readValue(document.getString("event"), NotificationPreferencesSet.class),
                        document.get("version", Number.class).longValue()));
    }
}
