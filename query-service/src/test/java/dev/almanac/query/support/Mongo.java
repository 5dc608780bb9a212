package dev.almanac.query.support;

import java.time.Duration;
import java.util.List;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.query.calendar.Calendars;
import dev.almanac.query.changerequest.ChangeRequests;
import dev.almanac.query.conflict.ConflictLists;
import dev.almanac.query.conflict.Conflicts;
import dev.almanac.query.entry.CalendarDays;
import dev.almanac.query.entry.Entries;
import dev.almanac.query.entry.StartingHours;
import dev.almanac.query.occurrence.RuleIndexes;
import dev.almanac.query.readmodel.Locks;
import dev.almanac.query.resource.ResourceDays;
import dev.almanac.query.resource.ResourceLists;
import dev.almanac.query.resource.Resources;
import dev.almanac.query.rule.Rules;
import dev.almanac.query.window.WindowDays;
import dev.almanac.query.window.WindowRevisions;

/** Blocking reads of read-model documents, for assertions. */
public final class Mongo {

    /** Every collection the projection writes. */
    public static final List<String> READ_MODELS = List.of(Calendars.COLLECTION, Entries.COLLECTION, Rules.COLLECTION,
            Conflicts.COLLECTION, CalendarDays.COLLECTION, StartingHours.COLLECTION, WindowDays.COLLECTION, ConflictLists.DAYS, ConflictLists.INDEX,
            RuleIndexes.COLLECTION, ChangeRequests.COLLECTION, ChangeRequests.BY_RULE, Resources.COLLECTION, ResourceDays.COLLECTION,
            ResourceLists.COLLECTION, WindowRevisions.COLLECTION);

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private Mongo() {
    }

    public static Document document(MongoDatabase database, String collection, String id) {
        return Mono.from(database.getCollection(collection).find(Filters.eq("_id", id)).first()).block(TIMEOUT);
    }

    /** The collection's documents by id. */
    public static List<Document> all(MongoDatabase database, String collection) {
        return Flux.from(database.getCollection(collection).find().sort(Sorts.ascending("_id"))).collectList().block(TIMEOUT);
    }

    /** Every read model's documents, collection by collection. */
    public static List<List<Document>> readModels(MongoDatabase database) {
        return READ_MODELS.stream().map(collection -> all(database, collection)).toList();
    }

    /**
     * {@link #readModels} without the lock tokens and the windows' logs of revisions, which count writes rather than
     * describe state.
     */
    public static List<List<Document>> readModelsWithoutLocks(MongoDatabase database) {
        return readModels(database).stream()
                .map(documents -> documents.stream().map(document -> {
                    Document state = new Document(document);
                    state.remove(Locks.FIELD);
                    state.remove(WindowRevisions.CHANGES);
                    return state;
                }).toList())
                .toList();
    }
}
