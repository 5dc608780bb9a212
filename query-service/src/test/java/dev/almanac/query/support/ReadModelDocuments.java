package dev.almanac.query.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import reactor.core.publisher.Flux;

import dev.almanac.query.changes.ChangeLog;
import dev.almanac.query.notification.Notifications;
import dev.almanac.query.window.WindowRevisions;

/**
 * Every read-model document, by collection and in `_id` order, for comparing a rebuilt store with the live one. Left
 * out: the store's own offsets and what the service writes for its callers rather than from the topics (the read
 * limits' windows and the live streams' leases, which expire); each document's compare-and-set {@code lock}, which counts
 * the writes it took and so depends on how the events were batched; the windows' logs of revisions, which list those
 * writes; when each change log block was last written; and the inboxes' read and acknowledged marks, which no topic holds,
 * so that a rebuilt store lacks them.
 */
public final class ReadModelDocuments {

    private static final Set<String> NOT_FROM_THE_TOPICS = Set.of("projected_offsets", "read_limit_windows", "live_stream_leases");

    private ReadModelDocuments() {
    }

    public static Map<String, List<Document>> of(MongoDatabase database) {
        Map<String, List<Document>> documents = new TreeMap<>();
        List<String> collections = Flux.from(database.listCollectionNames()).collectList().block(Duration.ofSeconds(10));
        for (String collection : collections) {
            if (!NOT_FROM_THE_TOPICS.contains(collection)) {
                documents.put(collection, Flux.from(database.getCollection(collection).find().sort(Sorts.ascending("_id")))
                        .doOnNext(document -> {
                            document.remove("lock");
                            document.remove(WindowRevisions.CHANGES);
                            document.remove(ChangeLog.WRITTEN);
                            if (collection.equals(Notifications.INBOXES)) {
                                document.remove("read");
                                document.remove("acknowledged");
                            }
                        })
                        .collectList().block(Duration.ofSeconds(30)));
            }
        }
        return documents;
    }
}
