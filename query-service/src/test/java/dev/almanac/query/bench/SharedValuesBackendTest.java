package dev.almanac.query.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class SharedValuesBackendTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void storesEqualNamesAndStringsOnceAndServesTheDocumentsAsWritten() {
        SharedValuesBackend backend = new SharedValuesBackend();
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            MongoCollection<Document> days = client.getDatabase("shared").getCollection("days");
            List<Document> written = List.of(day("d1", "e-1"), day("d2", "e-2"));
            Mono.from(days.insertMany(written)).block(TIMEOUT);
            // As the projection adds a copy to a day: a nested field set, which the server puts into the stored document.
            Document added = copy("Asia/Kolkata");
            Mono.from(days.updateOne(Filters.eq("_id", "d2"), Updates.set("e.e-3", added))).block(TIMEOUT);

            Document expectedSecond = day("d2", "e-2");
            expectedSecond.get("e", Document.class).append("e-3", added);
            assertThat(Flux.from(days.find().sort(Sorts.ascending("_id"))).collectList().block(TIMEOUT))
                    .containsExactly(day("d1", "e-1"), expectedSecond);

            List<de.bwaldvogel.mongo.bson.Document> stored = new ArrayList<>();
            backend.resolveDatabase("shared").resolveCollection("days", true).queryAll().forEach(stored::add);
            de.bwaldvogel.mongo.bson.Document first = stored.get(0);
            de.bwaldvogel.mongo.bson.Document second = stored.get(1);
            assertThat(second.get("calendar_id")).as("a value in two inserted documents").isSameAs(first.get("calendar_id"));
            assertThat(name(second, "calendar_id")).as("a field name in two inserted documents").isSameAs(name(first, "calendar_id"));
            Map<?, ?> firstCopy = (Map<?, ?>) ((Map<?, ?>) first.get("e")).get("e-1");
            Map<?, ?> updatedCopy = (Map<?, ?>) ((Map<?, ?>) second.get("e")).get("e-3");
            assertThat(updatedCopy.get("z")).as("a value in a subdocument an update put").isSameAs(firstCopy.get("z"));
            assertThat(name(updatedCopy, "z")).as("a field name in a subdocument an update put").isSameAs(name(firstCopy, "z"));
            assertThat(((List<?>) updatedCopy.get("g")).get(0)).as("a string in a list").isSameAs(((List<?>) firstCopy.get("g")).get(0));
        } finally {
            server.shutdown();
        }
    }

    private static Document day(String id, String entry) {
        return new Document("_id", id).append("calendar_id", "cal-7").append("e", new Document(entry, copy("Asia/Kolkata")));
    }

    private static Document copy(String zone) {
        return new Document("z", zone).append("g", List.of("review")).append("v", 1L);
    }

    /** The map's own key object equal to {@code name}. */
    private static Object name(Map<?, ?> document, String name) {
        return document.keySet().stream().filter(name::equals).findFirst().orElseThrow();
    }
}
