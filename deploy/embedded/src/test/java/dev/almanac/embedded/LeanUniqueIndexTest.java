package dev.almanac.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex;
import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.Test;

class LeanUniqueIndexTest {

    private static final List<IndexKey> TOP_LEVEL = List.of(new IndexKey("calendar", true), new IndexKey("day", true));
    private static final List<IndexKey> DOTTED = List.of(new IndexKey("owner.id", true));

    @Test
    void answersAsTheServerDoesWhetherAnUpdateLeftTheKeysAlone() {
        Random random = new Random(20261124);
        for (List<IndexKey> keys : List.of(TOP_LEVEL, DOTTED, List.of(new IndexKey("_id", true)))) {
            Counting lean = new Counting(keys);
            Reference server = new Reference(keys);
            for (int i = 0; i < 20_000; i++) {
                Document before = randomDocument(random);
                Document after = random.nextInt(3) == 0 ? randomDocument(random) : changedElsewhere(before, random);

                assertThat(outcome(() -> lean.nullAwareEqualsKeys(before, after))).as("%s against %s on %s", before, after, keys)
                        .isEqualTo(outcome(() -> server.sameKeys(before, after)));
            }
        }
    }

    @Test
    void derivesNoKeyValuesForAnUpdateThatLeavesPlainTopLevelKeysAlone() {
        Counting index = new Counting(TOP_LEVEL);
        Document before = new Document("_id", "d1").append("calendar", "cal-1").append("day", "2026-11-24").append("count", 1);
        Document after = new Document("_id", "d1").append("calendar", "cal-1").append("day", "2026-11-24").append("count", 2);

        assertThat(index.nullAwareEqualsKeys(before, after)).isTrue();
        assertThat(index.derivations.get()).isZero();

        assertThat(index.nullAwareEqualsKeys(before, new Document(after).append("day", 20261125))).isFalse();
        assertThat(index.derivations.get()).as("a key that changed type goes to the server's comparison").isPositive();
    }

    @Test
    void derivesNoKeyValuesForAnUpdateThatChangesAStringKey() {
        Counting index = new Counting(List.of(new IndexKey("lock", true)));
        Document before = new Document("_id", "d1").append("lock", "d1#41").append("count", 1);
        Document after = new Document("_id", "d1").append("lock", "d1#42").append("count", 2);

        assertThat(index.nullAwareEqualsKeys(before, after)).isFalse();
        assertThat(index.derivations.get()).isZero();

        Counting compound = new Counting(TOP_LEVEL);
        Document day = new Document("_id", "d1").append("calendar", "cal-1").append("day", 7);
        assertThat(compound.nullAwareEqualsKeys(day, new Document(day).append("calendar", "cal-2"))).isFalse();
        assertThat(compound.derivations.get()).isZero();
        assertThat(compound.nullAwareEqualsKeys(day, new Document(day).append("calendar", "cal-2").append("day", 7L)))
                .as("another key's number changed type: the server's comparison decides").isFalse();
        assertThat(compound.derivations.get()).isPositive();
    }

    @Test
    void stillRefusesAnUpdateThatDuplicatesAUniqueKeyAndFindsAChangedOne() {
        try (MongoWireServer server = MongoWireServer.start(null, 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<org.bson.Document> days = client.getDatabase("lean").getCollection("days");
            days.createIndex(Indexes.ascending("calendar", "day"), new IndexOptions().unique(true));
            days.insertMany(List.of(
                    new org.bson.Document("_id", "a").append("calendar", "c").append("day", 1).append("n", 0),
                    new org.bson.Document("_id", "b").append("calendar", "c").append("day", 2).append("n", 0)));

            days.updateOne(Filters.eq("_id", "a"), Updates.inc("n", 1));
            assertThatThrownBy(() -> days.updateOne(Filters.eq("_id", "a"), Updates.set("day", 2)))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            days.updateOne(Filters.eq("_id", "a"), Updates.set("day", 3));

            assertThat(days.find(Filters.and(Filters.eq("calendar", "c"), Filters.eq("day", 3))).first()).containsEntry("_id", "a")
                    .containsEntry("n", 1);
            assertThat(days.find(Filters.and(Filters.eq("calendar", "c"), Filters.eq("day", 1))).first()).isNull();

            days.updateOne(Filters.eq("_id", "b"), Updates.set("calendar", "e"));
            days.updateOne(Filters.eq("_id", "b"), Updates.set("calendar", "f"));
            days.insertOne(new org.bson.Document("_id", "x").append("calendar", "g").append("day", 2).append("n", 0));
            assertThatThrownBy(() -> days.updateOne(Filters.eq("_id", "x"), Updates.set("calendar", "f")))
                    .as("a changed string key that duplicates another's").isInstanceOf(MongoWriteException.class)
                    .hasMessageContaining("duplicate key");

            assertThat(days.find(Filters.and(Filters.eq("calendar", "f"), Filters.eq("day", 2))).first()).containsEntry("_id", "b");
            assertThat(days.find(Filters.and(Filters.eq("calendar", "g"), Filters.eq("day", 2))).first()).containsEntry("_id", "x");
            assertThat(days.find(Filters.and(Filters.eq("calendar", "e"), Filters.eq("day", 2))).first()).isNull();
            assertThat(days.find(Filters.and(Filters.eq("calendar", "c"), Filters.eq("day", 2))).first()).isNull();
        }
    }

    /** True or false, or the error's type (parallel arrays cannot be indexed). */
    private static Object outcome(BooleanSupplier answer) {
        try {
            return answer.getAsBoolean();
        } catch (RuntimeException e) {
            return e.getClass();
        }
    }

    private static Document randomDocument(Random random) {
        Document document = new Document("_id", "d" + random.nextInt(5));
        putRandom(document, "calendar", random);
        putRandom(document, "day", random);
        if (random.nextBoolean()) {
            Document owner = new Document();
            putRandom(owner, "id", random);
            document.put("owner", owner);
        }
        document.put("count", random.nextInt(3));
        return document;
    }

    /** The same keys, another count: the projections' usual update. Sometimes the same value in another type or object. */
    private static Document changedElsewhere(Document before, Random random) {
        Document after = new Document(before);
        after.put("count", random.nextInt(3));
        if (random.nextInt(4) == 0 && before.get("day") instanceof Integer day) {
            after.put("day", random.nextBoolean() ? (Object) day.longValue() : (Object) day.doubleValue());
        }
        if (random.nextInt(4) == 0 && before.get("calendar") instanceof String calendar) {
            after.put("calendar", new String(calendar));
        }
        return after;
    }

    private static void putRandom(Document document, String key, Random random) {
        switch (random.nextInt(9)) {
            case 0 -> { }
            case 1 -> document.put(key, null);
            case 2 -> document.put(key, "v" + random.nextInt(3));
            case 3 -> document.put(key, random.nextInt(3));
            case 4 -> document.put(key, (long) random.nextInt(3));
            case 5 -> document.put(key, (double) random.nextInt(3));
            case 6 -> document.put(key, new Date(random.nextInt(3)));
            case 7 -> document.put(key, new ArrayList<>(List.of("v" + random.nextInt(3), random.nextInt(3))));
            default -> document.put(key, new Document("x", random.nextInt(3)));
        }
    }

    /** The lean index, counting how often it derives key values the server's way. */
    private static final class Counting extends LeanMemoryBackend.LeanUniqueIndex {

        final AtomicInteger derivations = new AtomicInteger();

        Counting(List<IndexKey> keys) {
            super("lean", keys, false);
        }

        @Override
        public Set<KeyValue> getKeyValues(Document document) {
            derivations.incrementAndGet();
            return super.getKeyValues(document);
        }
    }

    /** The server's own index. */
    static final class Reference extends MemoryUniqueIndex {

        Reference(List<IndexKey> keys) {
            super("server", keys, false);
        }

        boolean sameKeys(Document before, Document after) {
            return nullAwareEqualsKeys(before, after);
        }
    }
}
