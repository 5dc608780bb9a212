package dev.almanac.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.result.UpdateResult;
import org.bson.BsonInvalidOperationException;
import org.bson.RawBsonDocument;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.bson.Document;

/**
 * {@link LeanMemoryBackend}'s own way with plain updates answers and stores exactly what mongo-java-server's generic
 * way does, and the update it applies leaves the document it was given as it was.
 */
class PlainUpdateTest {

    // No empty part: the server then stores a field named "" where LeanCollection, before its plain updates too, keeps
    // the fields in another order; no projection writes one.
    private static final String[] FIRST = {"n", "d", "list", "s", "nul", "new", "lock", "_id", "d", "d", "$"};
    private static final String[] INNER = {"a", "b", "7", "deep", "z", "0", "$", "x%2Ey"};

    /**
     * Random updates, most plain and some not: sets, unsets, and pushes with and without {@code $each} and {@code $slice};
     * other operators and clauses, positional parts, {@code _id}, overlapping paths, paths through lists, scalars and
     * nulls, pushes onto what is not a list, a unique key taken by another document, numbers equal in value but not in
     * type. They select by {@code _id}, by a unique key, by a scan and by {@code $in}, with and without upsert. Both
     * servers answer the same, fail with the same message, and hold the same bytes after each.
     */
    @Test
    void answersAndStoresExactlyAsTheServersGenericPath() {
        try (LeanAndOwnServers servers = new LeanAndOwnServers()) {
            Random random = new Random(20261127);
            int plainAndChanged = 0;
            for (int round = 0; round < 40; round++) {
                String name = "days" + round;
                List<MongoCollection<org.bson.Document>> both = servers.collections(name);
                List<org.bson.Document> documents = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    documents.add(document(random, "k" + i));
                }
                for (MongoCollection<org.bson.Document> days : both) {
                    days.createIndex(Indexes.ascending("lock"), new IndexOptions().unique(true));
                    days.insertMany(documents.stream().map(org.bson.Document::new).toList());
                }
                for (int step = 0; step < 60; step++) {
                    Bson selector = selector(random);
                    org.bson.Document update = update(random);
                    // Only by _id: an upsert by anything else creates an ObjectId, which the two servers draw apart.
                    boolean upsert = random.nextInt(5) == 0 && selector.toBsonDocument().containsKey("_id");
                    org.bson.Document before = both.get(1).find(selector).first();
                    List<String> outcomes = both.stream().map(days -> outcome(days, selector, update, upsert)).toList();
                    assertThat(outcomes.get(0)).as("%s with %s, upsert %s, on %s", selector, update, upsert, before)
                            .isEqualTo(outcomes.get(1));
                    List<ArrayList<RawBsonDocument>> held = both.stream()
                            .map(days -> days.withDocumentClass(RawBsonDocument.class).find().sort(Sorts.ascending("_id"))
                                    .into(new ArrayList<>()))
                            .toList();
                    assertThat(held.get(0)).as("after %s with %s", selector, update).isEqualTo(held.get(1));
                    if (outcomes.get(0).contains("modified 1") && PlainUpdate.of((Document) serverDocument(update), "_id") != null) {
                        plainAndChanged++;
                    }
                }
            }
            assertThat(plainAndChanged).as("plain updates that changed a document").isGreaterThan(300);
        }
    }

    @Test
    void sharesWhatItLeavesAloneAndChangesNothingItWasGiven() {
        Document untouched = new Document("z", 1);
        Document calendars = new Document("c1", new byte[] {1}).append("c2", new byte[] {2});
        Document day = new Document("_id", "2026-12-01").append("d", calendars).append("other", untouched).append("lock", "2026-12-01@4");

        PlainUpdate update = PlainUpdate.of(new Document("$set", new Document("d.c1", 5).append("lock", "2026-12-01@5"))
                .append("$unset", new Document("d.c2", "")), "_id");
        Document updated = update.applyTo(day);

        assertThat(updated).isEqualTo(new Document("_id", "2026-12-01").append("d", new Document("c1", 5))
                .append("other", untouched).append("lock", "2026-12-01@5"));
        assertThat(updated.get("other")).isSameAs(untouched);
        assertThat(day.get("d")).isSameAs(calendars);
        assertThat(calendars).containsOnlyKeys("c1", "c2");
        assertThat(day).containsEntry("lock", "2026-12-01@4");
        assertThat(PlainUpdate.of(new Document("$set", new Document("lock", "2026-12-01@4").append("other.z", 1L)), "_id").applyTo(day))
                .as("nothing changes: the same document").isSameAs(day);
    }

    @Test
    void takesOnlySetsUnsetsAndPushesOfPlainPathsThatDoNotOverlap() {
        assertThat(PlainUpdate.of(new Document("$set", new Document("d.c1", 1).append("q", 2))
                .append("$unset", new Document("d.c2", "")), "_id")).isNotNull();
        Document logged = new Document("$each", List.of(new Document("r", "all@2"))).append("$slice", -8);
        assertThat(PlainUpdate.of(new Document("$set", new Document("lock", "all@2")).append("$push", new Document("changes", logged)), "_id"))
                .as("a scope's new revision, logged").isNotNull();
        for (Document other : List.of(new Document(), new Document("$inc", new Document("n", 1)), new Document("$set", new Document()),
                new Document("$set", new Document("_id", 1)), new Document("$set", new Document("a.$.b", 1)),
                new Document("$set", new Document("a..b", 1)), new Document("$set", new Document("a", 1).append("a.b", 2)),
                new Document("$set", new Document("a.b.c", 1)).append("$unset", new Document("a.b", "")),
                new Document("$set", new Document("a", 1)).append("$unset", new Document("a", "")), new Document("n", 1),
                new Document("$push", new Document("a", new Document("$each", List.of(1)).append("$position", 0))),
                new Document("$push", new Document("a", new Document("$each", 1))),
                new Document("$push", new Document("a", new Document("$each", List.of(1)).append("$slice", 2L))))) {
            assertThat(PlainUpdate.of(other, "_id")).as("%s", other).isNull();
        }
    }

    private static String outcome(MongoCollection<org.bson.Document> days, Bson selector, org.bson.Document update, boolean upsert) {
        try {
            UpdateResult result = days.updateOne(selector, update, new UpdateOptions().upsert(upsert));
            return "matched " + result.getMatchedCount() + ", modified " + result.getModifiedCount()
                    + ", upserted " + result.getUpsertedId();
        } catch (MongoWriteException e) {
            return "error " + e.getCode() + ": " + e.getError().getMessage();
        } catch (MongoCommandException e) {
            return "failed: " + e.getResponse().get("errmsg");
        } catch (BsonInvalidOperationException e) {
            // The server answered an error without a code, which the driver cannot read.
            return "unreadable: " + e.getMessage();
        }
    }

    private static org.bson.Document document(Random random, String id) {
        org.bson.Document deep = new org.bson.Document("z", value(random, 1));
        return new org.bson.Document("_id", id).append("n", random.nextInt(3)).append("lock", id + "@1")
                .append("d", new org.bson.Document("a", value(random, 1)).append("7", value(random, 1)).append("deep", deep))
                .append("list", List.of(1, new org.bson.Document("a", 2))).append("s", "text").append("nul", null);
    }

    private static Bson selector(Random random) {
        String id = "k" + random.nextInt(7);
        return switch (random.nextInt(10)) {
            case 0, 1, 2, 3, 4 -> Filters.eq("_id", id);
            case 5, 6, 7 -> Filters.eq("lock", id + "@" + (1 + random.nextInt(2)));
            case 8 -> Filters.eq("n", random.nextInt(3));
            default -> Filters.in("_id", "k" + random.nextInt(7), id);
        };
    }

    private static org.bson.Document update(Random random) {
        org.bson.Document update = new org.bson.Document();
        int changes = 1 + random.nextInt(3);
        for (int i = 0; i < changes; i++) {
            int kind = random.nextInt(20);
            String operator = kind < 10 ? "$set" : kind < 15 ? "$unset" : kind < 19 ? "$push" : "$inc";
            String path = random.nextInt(8) == 0 ? "list" : path(random);
            Object value = switch (operator) {
                case "$set" -> value(random, 2);
                case "$push" -> pushed(random);
                case "$inc" -> 1;
                default -> "";
            };
            if (path.equals("lock") && operator.equals("$set")) {
                value = "k" + random.nextInt(7) + "@" + (1 + random.nextInt(2));
            }
            update.computeIfAbsent(operator, key -> new org.bson.Document());
            ((org.bson.Document) update.get(operator)).append(path, value);
        }
        return update;
    }

    /** One value, or several with a $slice that keeps the first or the last few, or none, or a clause not taken. */
    private static Object pushed(Random random) {
        if (random.nextBoolean()) {
            return value(random, 1);
        }
        org.bson.Document each = new org.bson.Document("$each", List.of(value(random, 1), value(random, 0)));
        switch (random.nextInt(5)) {
            case 0, 1 -> each.append("$slice", -1 - random.nextInt(3));
            case 2 -> each.append("$slice", random.nextInt(3));
            case 3 -> each.append("$position", 0);
            default -> { }
        }
        return each;
    }

    private static String path(Random random) {
        StringBuilder path = new StringBuilder(FIRST[random.nextInt(FIRST.length)]);
        int inner = random.nextInt(3);
        for (int i = 0; i < inner; i++) {
            path.append('.').append(INNER[random.nextInt(INNER.length)]);
        }
        return path.toString();
    }

    private static Object value(Random random, int depth) {
        return switch (random.nextInt(depth > 0 ? 11 : 9)) {
            case 0 -> 1;
            case 1 -> 1L;
            case 2 -> 1.0;
            case 3 -> -0.0;
            case 4 -> "text";
            case 5 -> new Binary(new byte[] {(byte) random.nextInt(3)});
            case 6 -> random.nextBoolean();
            case 7 -> 0;
            case 8 -> new org.bson.Document("z", 1);
            case 9 -> new org.bson.Document("z", value(random, depth - 1)).append("y", value(random, depth - 1));
            default -> List.of(value(random, depth - 1));
        };
    }

    /**
     * The update as the server's documents hold it, to ask whether it is a plain one: documents and lists alike, so a
     * push's clauses are judged as the server will judge them; other values as they are, which the question ignores.
     */
    private static Object serverDocument(Object value) {
        if (value instanceof org.bson.Document document) {
            Document converted = new Document();
            document.forEach((key, inner) -> converted.put(key, serverDocument(inner)));
            return converted;
        }
        return value instanceof List<?> list ? list.stream().map(PlainUpdateTest::serverDocument).toList() : value;
    }
}
