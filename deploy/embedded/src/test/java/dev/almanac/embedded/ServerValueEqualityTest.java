package dev.almanac.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * Almanac's copy of mongo-java-server's equality decides as the server's own does, for every pair of a set of values of
 * each kind a document holds: the server's rule is package-private, so it is reached here by reflection, in the test
 * alone. A server upgrade that changes the rule fails this test rather than making PlainUpdate differ from the server.
 */
class ServerValueEqualityTest {

    private static final long BEYOND_DOUBLES = (1L << 53) + 1;

    @Test
    void decidesAsTheServersOwnRuleForEveryPairOfValues() throws Exception {
        Method servers = Class.forName("de.bwaldvogel.mongo.backend.Utils").getDeclaredMethod("nullAwareEquals", Object.class, Object.class);
        servers.setAccessible(true);
        List<Object> values = values();

        int pairs = 0;
        for (Object a : values) {
            for (Object b : values) {
                assertThat(ServerValueEquality.equal(a, b)).as("%s (%s) and %s (%s)", a, type(a), b, type(b))
                        .isEqualTo(servers.invoke(null, a, b));
                pairs++;
            }
        }
        assertThat(pairs).isEqualTo(values.size() * values.size());
    }

    @Test
    void numbersEqualInValueAreEqualWhateverTheirType() {
        assertThat(ServerValueEquality.equal(1, 1L)).isTrue();
        assertThat(ServerValueEquality.equal(1, 1.0)).isTrue();
        assertThat(ServerValueEquality.equal(0.0, -0.0)).isTrue();
        assertThat(ServerValueEquality.equal(BEYOND_DOUBLES, (double) BEYOND_DOUBLES)).as("a long no double holds").isFalse();
        assertThat(ServerValueEquality.equal(null, Missing.getInstance())).isTrue();
        assertThat(ServerValueEquality.equal(new Document("n", 1), new Document("n", 1L))).isTrue();
        assertThat(ServerValueEquality.equal(new Document("a", 1).append("b", 2), new Document("b", 2).append("a", 1)))
                .as("fields in another order").isFalse();
    }

    private static List<Object> values() {
        List<Object> values = new ArrayList<>(Arrays.asList(null, Missing.getInstance(),
                0, 1, -1, 2, 0L, 1L, 2L, BEYOND_DOUBLES, BEYOND_DOUBLES - 1, Long.MAX_VALUE, Long.MIN_VALUE,
                0.0, -0.0, 1.0, 1.5, 2.0f, Double.NaN, Float.NaN, Double.POSITIVE_INFINITY, (double) BEYOND_DOUBLES,
                (short) 1, (byte) 1, new Decimal128(1L, 0L),
                "", "1", "a", "A", true, false, new Date(0), new Date(1), new ObjectId(new byte[12]), UUID.fromString("00000000-0000-0000-0000-000000000001"),
                new byte[] {1}));
        List<Object> scalars = new ArrayList<>(values);
        for (Object scalar : scalars) {
            values.add(new Document("v", scalar));
            values.add(Arrays.asList(scalar));
        }
        values.add(new Document("a", 1).append("b", 2));
        values.add(new Document("b", 2).append("a", 1));
        values.add(new Document("a", 1L).append("b", 2.0));
        values.add(new Document("a", new Document("x", List.of(1, 2))));
        values.add(new Document("a", new Document("x", List.of(1.0, 2L))));
        values.add(Map.of("a", 1));
        values.add(List.of());
        values.add(List.of(1, 2));
        values.add(List.of(2, 1));
        values.add(new LinkedHashSet<>(List.of(1, 2)));
        values.add(new Document());
        return values;
    }

    private static String type(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }
}
