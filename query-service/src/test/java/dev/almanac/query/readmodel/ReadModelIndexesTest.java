package dev.almanac.query.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.query.calendar.Calendars;
import dev.almanac.query.conflict.Conflicts;
import dev.almanac.query.entry.Entries;
import dev.almanac.query.rule.Rules;

class ReadModelIndexesTest {

    @Test
    void createsTheQueriedIndexesAndCanRunAgainOnEveryStart() {
        MongoDatabase database = InMemoryMongo.freshDatabase("indexes");
        List<ReadModel> readModels = List.of(new Calendars(database), new Entries(database), new Rules(), new Conflicts(database));
        ReadModelIndexes indexes = new ReadModelIndexes(database, readModels);

        List<String> first = indexes.ensureAll();
        List<String> second = indexes.ensureAll();

        assertThat(first).containsExactly("start_1", "calendar_id_1_start_1", "calendar_id_1", "calendar_id_1_start_1", "status_1_start_1");
        assertThat(second).isEqualTo(first);
        assertThat(indexNames(database, Entries.COLLECTION)).contains("start_1", "calendar_id_1_start_1");
    }

    private static List<String> indexNames(MongoDatabase database, String collection) {
        return Flux.from(database.getCollection(collection).listIndexes())
                .map(index -> ((Document) index).getString("name"))
                .collectList()
                .block(Duration.ofSeconds(5));
    }
}
