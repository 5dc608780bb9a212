package dev.almanac.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.BsonRegularExpression;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.MaxKey;
import org.bson.types.MinKey;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.MongoServer;

/** Documents kept as their BSON bytes are served exactly as they were written, changed and removed. */
class LeanCollectionTest {

    @Test
    void servesWhatWasWrittenChangedAndRemoved() {
        LeanMemoryBackend backend = new LeanMemoryBackend();
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            MongoCollection<Document> days = client.getDatabase("lean").getCollection("days");
            days.insertMany(List.of(day("d1", "e-1"), day("d2", "e-2"), day("d3", "e-3")));
            // As the projection adds a copy to a day: a nested field set into the stored document.
            Document added = copy("Asia/Kathmandu");
            days.updateOne(Filters.eq("_id", "d2"), Updates.set("e.e-4", added));
            days.replaceOne(Filters.eq("_id", "d3"), day("d3", "e-5"), new ReplaceOptions());
            days.deleteOne(Filters.eq("_id", "d1"));
            // Into the place the removed document left.
            days.insertOne(day("d0", "e-6"));

            Document second = day("d2", "e-2");
            second.get("e", Document.class).append("e-4", added);
            assertThat(days.find().sort(Sorts.ascending("_id")).into(new ArrayList<>()))
                    .containsExactly(day("d0", "e-6"), second, day("d3", "e-5"));
            assertThat(days.find(Filters.eq("_id", "d2")).first()).isEqualTo(second);
            assertThat(days.find(Filters.eq("calendar_id", "cal-7")).into(new ArrayList<>())).as("a scan").hasSize(3);
            assertThat(days.countDocuments()).isEqualTo(3);
            assertThat(days.find().sort(Sorts.descending("$natural")).first()).as("natural order, newest place last")
                    .extracting(document -> document.get("_id")).isEqualTo("d3");
        } finally {
            server.shutdown();
        }
    }

    @Test
    void aCompareAndSetOnAUniqueKeyFindsTheDocumentByItsKey() {
        MongoServer server = new MongoServer(new LeanMemoryBackend());
        server.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            MongoCollection<Document> days = client.getDatabase("lean").getCollection("days");
            days.createIndex(Indexes.ascending("lock"), new IndexOptions().unique(true));
            days.insertOne(day("d1", "e-1").append("lock", "d1@1"));

            assertThat(days.updateOne(Filters.eq("lock", "d1@1"), Updates.combine(Updates.set("n", 2), Updates.set("lock", "d1@2")))
                    .getModifiedCount()).isEqualTo(1);
            assertThat(days.updateOne(Filters.eq("lock", "d1@1"), Updates.set("n", 3)).getMatchedCount())
                    .as("the old revision's key is gone").isZero();
            assertThat(days.find(Filters.eq("lock", "d1@2")).first()).containsEntry("n", 2).containsEntry("_id", "d1");
        } finally {
            server.shutdown();
        }
    }

    /**
     * A projected find decodes only the fields it needs. Its answers must be those of the server's
     * own memory backend, whatever BSON types it steps over, for inclusions, exclusions, paths, sorts
     * and scans alike.
     */
    @Test
    void aProjectedFindAnswersAsTheServersOwnCollectionDoes() {
        try (LeanAndOwnServers servers = new LeanAndOwnServers()) {
            List<MongoCollection<Document>> both = servers.collections("days");
            for (MongoCollection<Document> days : both) {
                days.insertMany(List.of(everyType("d1", 3), everyType("d2", 1), everyType("d3", 2)));
                days.updateOne(Filters.eq("_id", "d2"), Updates.set("lock", "d2@2"));
            }
            List<Bson> projections = List.of(Projections.include("lock"), Projections.include("e.e-1", "n"),
                    Projections.fields(Projections.excludeId(), Projections.include("sum")), Projections.exclude("e"),
                    Projections.elemMatch("list", Filters.eq("r", 2)), new Document("nothing", 1));
            List<Bson> queries = List.of(Filters.in("_id", "d1", "d2", "d9"), Filters.eq("_id", "d3"), Filters.eq("calendar_id", "cal-7"),
                    Filters.and(Filters.eq("n", 2), Filters.exists("lock", false)), Filters.eq("e.e-1.z", "Asia/Kolkata"));

            for (Bson projection : projections) {
                for (Bson query : queries) {
                    List<ArrayList<Document>> answers = both.stream()
                            .map(days -> days.find(query).projection(projection).sort(Sorts.descending("n")).into(new ArrayList<>()))
                            .toList();
                    assertThat(answers.get(0)).as("%s projected to %s", query, projection).isEqualTo(answers.get(1));
                }
            }
            assertThat(both.get(0).find(Filters.eq("_id", "d2")).projection(Projections.include("lock")).first())
                    .isEqualTo(new Document("_id", "d2").append("lock", "d2@2"));
        }
    }

    /** A document with a value of every BSON type the projections step over, before and after the fields they keep. */
    private static Document everyType(String id, int n) {
        return new Document("_id", id).append("double", 2.5).append("list", List.of(new Document("r", 1), new Document("r", n)))
                .append("e", new Document("e-1", copy("Asia/Kolkata"))).append("oid", new ObjectId(String.format("%024x", n)))
                .append("flag", true).append("when", java.util.Date.from(Instant.parse("2026-12-01T10:00:00Z")))
                .append("none", null).append("regex", new BsonRegularExpression("^cal", "i")).append("int", 7)
                .append("ts", new BsonTimestamp(1_700_000_000, 1)).append("long", 1L << 40).append("dec", new Decimal128(12_345L))
                .append("min", new MinKey()).append("max", new MaxKey()).append("calendar_id", "cal-7").append("n", n)
                .append("sum", new Binary(new byte[] {1, 2, 3})).append("text", "Kathmandu +05:45");
    }

    private static Document day(String id, String entry) {
        return new Document("_id", id).append("calendar_id", "cal-7").append("n", 1)
                .append("e", new Document(entry, copy("Asia/Kolkata")))
                .append("sum", new Binary(new byte[] {1, 2, 3}));
    }

    private static Document copy(String zone) {
        return new Document("z", zone).append("g", List.of("review", "finance")).append("v", 1L)
                .append("s", java.util.Date.from(Instant.parse("2026-12-01T10:00:00Z"))).append("p", 2.5);
    }
}
