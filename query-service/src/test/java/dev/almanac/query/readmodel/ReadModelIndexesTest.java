package dev.almanac.query.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import com.mongodb.MongoWriteException;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.query.calendar.Calendars;
import dev.almanac.query.conflict.ConflictLists;
import dev.almanac.query.conflict.Conflicts;
import dev.almanac.query.entry.CalendarDays;
import dev.almanac.query.entry.Entries;
import dev.almanac.query.rule.Rules;
import dev.almanac.query.window.WindowDays;

class ReadModelIndexesTest {

    @Test
    void createsAUniqueLockIndexOnEveryReadModelAndCanRunAgainOnEveryStart() {
        MongoDatabase database = InMemoryMongo.freshDatabase("indexes");
        List<ReadModel> readModels = List.of(new Calendars(database), new Entries(database), new Rules(database),
                new Conflicts(database), new CalendarDays(database), new WindowDays(database), new ConflictLists(database));
        ReadModelIndexes indexes = new ReadModelIndexes(database, readModels);

        List<String> first = indexes.ensureAll();
        List<String> second = indexes.ensureAll();

        assertThat(first).containsExactly("calendars.lock_1", "entries.lock_1", "rules.lock_1", "conflicts.lock_1",
                "calendar_days.lock_1", "window_days.lock_1", "conflict_days.lock_1", "conflict_index.lock_1");
        assertThat(second).isEqualTo(first);
        assertThat(indexNames(database, Entries.COLLECTION)).containsExactlyInAnyOrder("_id_", "lock_1");
    }

    @Test
    void theLockIndexRefusesASecondDocumentAtTheSameRevision() {
        MongoDatabase database = InMemoryMongo.freshDatabase("unique_locks");
        new ReadModelIndexes(database, List.of(new Entries(database))).ensureAll();
        insert(database, new Document("_id", "a").append(Locks.FIELD, "a#1"));

        assertThatThrownBy(() -> insert(database, new Document("_id", "b").append(Locks.FIELD, "a#1")))
                .isInstanceOf(MongoWriteException.class);
    }

    @Test
    void readModelsOfAnEarlierShapeStopTheStartWithWhatToDo() {
        MongoDatabase database = InMemoryMongo.freshDatabase("earlier_shapes");
        insert(database, new Document("_id", "a").append("version", 0L));
        insert(database, new Document("_id", "b").append("version", 0L));

        assertThatThrownBy(() -> new ReadModelIndexes(database, List.of(new Entries(database))).ensureAll())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Drop the database earlier_shapes");
    }

    private static void insert(MongoDatabase database, Document document) {
        Mono.from(database.getCollection(Entries.COLLECTION).insertOne(document)).block(Duration.ofSeconds(5));
    }

    private static List<String> indexNames(MongoDatabase database, String collection) {
        return Flux.from(database.getCollection(collection).listIndexes())
                .map(index -> ((Document) index).getString("name"))
                .collectList()
                .block(Duration.ofSeconds(5));
    }
}
