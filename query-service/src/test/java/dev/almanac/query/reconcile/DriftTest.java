package dev.almanac.query.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DriftTest {

    @Test
    void documentsAtTheirLastEventsVersionAreNoDrift() {
        assertThat(Drift.between(Map.of("a", 2L, "b", 0L), Map.of("a", 2L, "b", 0L), ids -> Map.of())).isEmpty();
    }

    @Test
    void aMissingDocumentABehindOneAnAheadOneAndOneWithoutEventsAreEachNamed() {
        List<Drift> drifts = Drift.between(Map.of("gone", 0L, "old", 3L, "edited", 1L),
                Map.of("old", 1L, "edited", 7L, "orphan", 4L), ids -> Map.of("old", 1L));

        assertThat(drifts).containsExactly(
                new Drift("edited", Drift.AHEAD, 1L, 7L),
                new Drift("gone", Drift.MISSING, 0L, null),
                new Drift("old", Drift.BEHIND, 3L, 1L),
                new Drift("orphan", Drift.EXTRA, null, 4L));
    }

    @Test
    void anEntityWrittenAfterTheScanIsReadAgainByKeyAndIsNoDrift() {
        List<List<String>> readAgain = new ArrayList<>();

        List<Drift> drifts = Drift.between(Map.of("late", 1L, "new", 0L, "held", 5L), Map.of("late", 0L, "held", 5L), ids -> {
            readAgain.add(ids);
            return Map.of("late", 1L, "new", 0L);
        });

        assertThat(drifts).isEmpty();
        assertThat(readAgain).singleElement().satisfies(ids -> assertThat(ids).containsExactlyInAnyOrder("late", "new"));
    }
}
