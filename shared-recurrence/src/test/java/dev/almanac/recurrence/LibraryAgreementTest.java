package dev.almanac.recurrence;

import static dev.almanac.recurrence.LibraryComparison.Kind.DIALECTS_DIFFER;
import static dev.almanac.recurrence.LibraryComparison.Kind.GAP_TIME_SHIFTED_BY_ALMANAC;
import static dev.almanac.recurrence.LibraryComparison.Kind.LIBRARY_STALLED;
import static dev.almanac.recurrence.LibraryComparison.Kind.REPEATED_HOUR_RUN_TWICE_BY_LIBRARY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.almanac.recurrence.BenchmarkCorpus.Entry;
import dev.almanac.recurrence.LibraryComparison.Disagreement;
import dev.almanac.recurrence.LibraryComparison.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A year of the benchmark corpus agrees with cron-utils and with Spring wherever the DST policy does
 * not apply and the dialects mean the same; every other instant is one of the known reasons. The
 * benchmark prints the same comparison with its figures.
 */
class LibraryAgreementTest {

    /** The corpus without the every-five-minutes rule (UTC, no DST), which cron-utils takes seconds to step through. */
    static Stream<Arguments> entries() {
        List<Entry> entries = Stream.concat(BenchmarkCorpus.SHARED.stream(), Stream.of(BenchmarkCorpus.DIALECTS_DIFFER)).toList();
        return IntStream.range(0, entries.size()).filter(i -> !entries.get(i).name().startsWith("every 5 minutes"))
                .mapToObj(i -> Arguments.of(entries.get(i), i));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void everyDisagreementWithTheLibrariesHasAKnownReason(Entry entry, int index) {
        List<Occurrence> almanac = RecurrenceSpecs.all(entry.spec(index), BenchmarkCorpus.FROM, BenchmarkCorpus.UNTIL);

        for (Disagreement disagreement : Stream.concat(
                LibraryComparison.disagreements(entry, almanac, "cron-utils", LibraryComparison.cronUtils(entry, BenchmarkCorpus.FROM, BenchmarkCorpus.UNTIL)).stream(),
                LibraryComparison.disagreements(entry, almanac, "Spring", LibraryComparison.spring(entry, BenchmarkCorpus.FROM, BenchmarkCorpus.UNTIL)).stream())
                .toList()) {
            assertThat(disagreement.kind()).as(disagreement.toString()).isNotEqualTo(LibraryComparison.Kind.UNEXPLAINED);
        }
    }

    @Test
    void lordHoweHourlyHas8760RunsWhereBothLibrariesSkipTheHalfHourGapAndSpringStallsAtTheOverlap() {
        Entry lordHowe = corpusEntry("hourly, Lord Howe");
        List<Occurrence> almanac = RecurrenceSpecs.all(lordHowe.spec(3), BenchmarkCorpus.FROM, BenchmarkCorpus.UNTIL);
        Run cronUtils = LibraryComparison.cronUtils(lordHowe, BenchmarkCorpus.FROM, BenchmarkCorpus.UNTIL);
        Run spring = LibraryComparison.spring(lordHowe, BenchmarkCorpus.FROM, BenchmarkCorpus.UNTIL);

        assertThat(almanac).hasSize(8760);
        assertThat(cronUtils.instants()).hasSize(8759);
        assertThat(spring.instants()).hasSize(8759);
        assertThat(LibraryComparison.disagreements(lordHowe, almanac, "cron-utils", cronUtils))
                .extracting(Disagreement::local, Disagreement::kind)
                .containsExactly(tuple(LocalDateTime.parse("2026-10-04T02:00"), GAP_TIME_SHIFTED_BY_ALMANAC));
        // Spring's next() answers 01:00+11:00 on 5 April 2026, the start of the repeated half hour, with that same instant for ever.
        assertThat(spring.stalls()).containsExactly(Instant.parse("2026-04-04T14:00:00Z"));
        assertThat(LibraryComparison.countByKind(LibraryComparison.disagreements(lordHowe, almanac, "Spring", spring)))
                .containsExactly(entry(GAP_TIME_SHIFTED_BY_ALMANAC, 1L), entry(LIBRARY_STALLED, 1L));
    }

    @Test
    void londonHourlyRunsTheRepeatedHourOnceWhereBothLibrariesStepIntoItsSecondPass() {
        Entry london = corpusEntry("hourly, London");
        List<Occurrence> almanac = RecurrenceSpecs.all(london.spec(4), BenchmarkCorpus.FROM, BenchmarkCorpus.UNTIL);

        for (Run run : List.of(LibraryComparison.cronUtils(london, BenchmarkCorpus.FROM, BenchmarkCorpus.UNTIL),
                LibraryComparison.spring(london, BenchmarkCorpus.FROM, BenchmarkCorpus.UNTIL))) {
            assertThat(run.instants()).hasSize(8760);
            assertThat(LibraryComparison.disagreements(london, almanac, "library", run))
                    .extracting(Disagreement::instant, Disagreement::kind)
                    .containsExactly(tuple(Instant.parse("2026-10-25T01:00:00Z"), REPEATED_HOUR_RUN_TWICE_BY_LIBRARY));
        }
        assertThat(almanac).hasSize(8759);
    }

    @Test
    void theSameTextMeansEitherDayUnderPosixAndBothUnderSpring() {
        Entry differ = BenchmarkCorpus.DIALECTS_DIFFER;
        List<Occurrence> almanac = RecurrenceSpecs.all(differ.spec(8), BenchmarkCorpus.FROM, BenchmarkCorpus.UNTIL);

        assertThat(LibraryComparison.disagreements(differ, almanac, "cron-utils", LibraryComparison.cronUtils(differ, BenchmarkCorpus.FROM, BenchmarkCorpus.UNTIL))).isEmpty();
        assertThat(LibraryComparison.countByKind(LibraryComparison.disagreements(differ, almanac, "Spring",
                LibraryComparison.spring(differ, BenchmarkCorpus.FROM, BenchmarkCorpus.UNTIL)))).containsExactly(entry(DIALECTS_DIFFER, 112L));
    }

    private static Entry corpusEntry(String name) {
        return BenchmarkCorpus.SHARED.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }
}
