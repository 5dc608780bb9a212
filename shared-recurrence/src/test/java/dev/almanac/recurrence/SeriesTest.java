package dev.almanac.recurrence;

import static dev.almanac.recurrence.RecurrenceSpecs.spec;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.almanac.events.rule.DstResolution;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleId;

/** A series with its exceptions: cancelled and moved occurrences, and an end, as every service reads them. */
class SeriesTest {

    /** 02:30 every day in New York: 2027-03-14 falls in the spring-forward gap and runs at 03:30 (07:30Z). */
    private static final RecurrenceSpec NIGHTLY = spec("30 2 * * *", "America/New_York");
    private static final Instant MARCH_12 = Instant.parse("2027-03-12T07:30:00Z");
    private static final Instant MARCH_13 = Instant.parse("2027-03-13T07:30:00Z");
    private static final Instant MARCH_14 = Instant.parse("2027-03-14T07:30:00Z");
    private static final Instant MARCH_15 = Instant.parse("2027-03-15T06:30:00Z");
    private static final Instant FROM = Instant.parse("2027-03-12T00:00:00Z");
    private static final Instant UNTIL = Instant.parse("2027-03-17T00:00:00Z");

    @Test
    void cancelledAndMovedOccurrencesLeaveTheStandingSeries() {
        Series series = new Series(NIGHTLY, SeriesExceptions.NONE.cancelling(MARCH_13).moving(MARCH_14, Instant.parse("2027-03-14T15:00:00Z")));

        List<Instant> standing = RecurrenceSpecs.resolvedInstants(series.expand(FROM, UNTIL, 100).occurrences());

        assertThat(standing).containsExactly(MARCH_12, MARCH_15, Instant.parse("2027-03-16T06:30:00Z"));
    }

    @Test
    void aMovedOccurrenceKeepsItsIdRecurrenceAndNominalTimeAndStartsExactlyWhereItWasMoved() {
        Instant movedTo = Instant.parse("2027-03-14T15:00:00Z");
        Series series = new Series(RecurrenceSpecs.withJitter(NIGHTLY, RecurrenceSpecs.RULE, 600),
                SeriesExceptions.NONE.moving(MARCH_14, movedTo));

        Occurrence moved = series.moved().get(0);
        Occurrence original = series.occurrenceAt(MARCH_14).orElseThrow();

        assertThat(moved.id()).isEqualTo(OccurrenceId.of(RecurrenceSpecs.RULE, MARCH_14)).isEqualTo(original.id());
        assertThat(moved.resolvedInstant()).isEqualTo(MARCH_14);
        assertThat(moved.nominalLocalTime()).isEqualTo(LocalDateTime.parse("2027-03-14T02:30:00"));
        assertThat(moved.dstResolution()).as("the gap shift that gave its recurrence id").isEqualTo(DstResolution.GAP_SHIFTED);
        assertThat(moved.start()).as("no jitter on an explicit time").isEqualTo(movedTo);
        assertThat(moved.end()).isEqualTo(movedTo.plus(RecurrenceSpecs.QUARTER_HOUR));
        assertThat(series.standing(MARCH_14)).contains(moved);
    }

    @Test
    void aCancellationWinsOverAMoveAndAMoveOfAnInstantTheSpecDoesNotProduceIsDropped() {
        SeriesExceptions exceptions = SeriesExceptions.NONE.moving(MARCH_13, Instant.parse("2027-03-13T20:00:00Z")).cancelling(MARCH_13)
                .moving(Instant.parse("2027-03-13T08:00:00Z"), Instant.parse("2027-03-13T21:00:00Z"));
        Series series = new Series(NIGHTLY, exceptions);

        assertThat(series.standing(MARCH_13)).isEmpty();
        assertThat(series.moved()).isEmpty();
        assertThat(series.occurrenceAt(Instant.parse("2027-03-13T08:00:00Z"))).as("not an instant of the series").isEmpty();
    }

    @Test
    void theEndCutsTheSeriesAndAPageThatReachesItCoversTheWholeWindow() {
        Series series = new Series(NIGHTLY, SeriesExceptions.NONE.endingAt(MARCH_14));

        Expansion expansion = series.expand(FROM, UNTIL, 100);

        assertThat(RecurrenceSpecs.resolvedInstants(expansion.occurrences())).containsExactly(MARCH_12, MARCH_13);
        assertThat(expansion.truncated()).isFalse();
        assertThat(expansion.coveredUntil()).isEqualTo(UNTIL);
        assertThat(series.expand(MARCH_14, UNTIL, 100).occurrences()).isEmpty();
        assertThat(series.occurrenceAt(MARCH_14)).isEmpty();
        assertThat(series.exhaustedFrom(FROM)).isEqualTo(MARCH_13);
        assertThat(Series.of(NIGHTLY).exhaustedFrom(FROM)).as("a cron that never ends").isNull();
    }

    @Test
    void pagesOfTheStandingSeriesContinueWithoutGapOrDuplicate() {
        Series series = new Series(NIGHTLY, SeriesExceptions.NONE.cancelling(MARCH_13).cancelling(MARCH_15));
        List<Instant> paged = new ArrayList<>();
        Instant from = FROM;
        Expansion page;
        do {
            page = series.expand(from, UNTIL, 2);
            paged.addAll(RecurrenceSpecs.resolvedInstants(page.occurrences()));
            from = page.coveredUntil();
        } while (page.truncated());

        assertThat(paged).isEqualTo(RecurrenceSpecs.resolvedInstants(series.expand(FROM, UNTIL, 100).occurrences()));
        assertThat(paged).containsExactly(MARCH_12, MARCH_14, Instant.parse("2027-03-16T06:30:00Z"));
    }

    @Test
    void findsAnOccurrenceByIdInTheWindowOrAmongTheExceptions() {
        Instant farAhead = Instant.parse("2027-09-01T06:30:00Z");
        Series series = new Series(NIGHTLY, SeriesExceptions.NONE.moving(farAhead, Instant.parse("2027-03-13T12:00:00Z")));

        assertThat(series.find(OccurrenceId.of(RecurrenceSpecs.RULE, MARCH_14), FROM, UNTIL, 100))
                .map(Occurrence::resolvedInstant).contains(MARCH_14);
        assertThat(series.find(OccurrenceId.of(RecurrenceSpecs.RULE, farAhead), FROM, UNTIL, 100))
                .as("moved from far outside the window").map(Occurrence::resolvedInstant).contains(farAhead);
        assertThat(series.find(OccurrenceId.of(RecurrenceSpecs.RULE, Instant.parse("2027-04-01T06:30:00Z")), FROM, UNTIL, 100))
                .as("outside the window searched").isEmpty();
        assertThat(series.find(OccurrenceId.of(RecurrenceSpecs.RULE, MARCH_14), FROM, UNTIL, 2))
                .as("beyond the occurrences looked at").isEmpty();
    }

    @Test
    void theNextRunSkipsCancelledOccurrencesAndMeetsMovedOnes() {
        Instant after = Instant.parse("2027-03-12T08:00:00Z");
        Series cancelled = new Series(NIGHTLY, SeriesExceptions.NONE.cancelling(MARCH_13).cancelling(MARCH_14));
        Series movedEarlier = new Series(NIGHTLY, SeriesExceptions.NONE.moving(MARCH_15, Instant.parse("2027-03-12T09:00:00Z")));

        assertThat(cancelled.next(after, FROM)).map(Occurrence::resolvedInstant).contains(MARCH_15);
        assertThat(movedEarlier.next(after, FROM)).map(Occurrence::start).contains(Instant.parse("2027-03-12T09:00:00Z"));
        assertThat(Series.of(NIGHTLY).next(after, FROM)).map(Occurrence::resolvedInstant).contains(MARCH_13);
        assertThat(Series.of(NIGHTLY).next(after, MARCH_14)).as("none resolving before where the rule begins")
                .map(Occurrence::resolvedInstant).contains(MARCH_14);
    }

    /**
     * Jitter delays each start by up to an hour, so a run resolved before {@code after} may still be
     * ahead, and runs may start out of order. Against every occurrence of a week, at instants spread
     * over it: the next run is the earliest start after the instant among the standing occurrences
     * resolving from where the rule begins, and the moved ones.
     */
    @Test
    void theNextRunIsTheFirstToStartAfterTheInstantJitterIncluded() {
        for (String zone : List.of("Asia/Kathmandu", "Australia/Adelaide", "America/New_York")) {
            RecurrenceSpec spec = RecurrenceSpecs.withJitter(spec("*/20 * * * *", zone), RuleId.of("rule-jittered-" + zone.replace('/', '.')), 3600);
            Instant begins = Instant.parse("2027-03-13T00:10:00Z");
            List<Occurrence> week = RecurrenceSpecs.all(spec, FROM, UNTIL);
            Instant movedFrom = week.get(200).resolvedInstant();
            Series series = new Series(spec, SeriesExceptions.NONE.cancelling(week.get(150).resolvedInstant())
                    .moving(movedFrom, movedFrom.minusSeconds(5 * 3600)));
            int resolvedBeforeButAhead = 0;
            int notFirstToResolve = 0;
            for (Instant after = begins.minusSeconds(3 * 3600); after.isBefore(UNTIL.minusSeconds(86_400)); after = after.plusSeconds(611)) {
                Instant at = after;
                Occurrence expected = week.stream()
                        .filter(occurrence -> !series.exceptions().excludes(occurrence.resolvedInstant()))
                        .filter(occurrence -> !occurrence.resolvedInstant().isBefore(begins) && occurrence.start().isAfter(at))
                        .min(Comparator.comparing(Occurrence::start).thenComparing(Occurrence::resolvedInstant))
                        .orElseThrow();
                Occurrence moved = series.moved().get(0);
                if (moved.start().isAfter(at) && moved.start().isBefore(expected.start())) {
                    expected = moved;
                }
                Occurrence next = series.next(at, begins).orElseThrow();

                assertThat(next.id()).as("%s after %s", zone, at).isEqualTo(expected.id());
                assertThat(next.start()).as("%s after %s", zone, at).isEqualTo(expected.start());
                if (!next.resolvedInstant().isAfter(at)) {
                    resolvedBeforeButAhead++;
                }
                Occurrence firstResolving = RecurrenceExpander.next(spec, at.isBefore(begins) ? begins.minusNanos(1) : at).orElseThrow();
                if (!firstResolving.id().equals(next.id())) {
                    notFirstToResolve++;
                }
            }
            assertThat(resolvedBeforeButAhead).as("runs resolved before the instant that start after it, in %s", zone).isPositive();
            assertThat(notFirstToResolve).as("runs that are not the first to resolve, in %s", zone).isPositive();
        }
    }

    @Test
    void theLastOccurrenceBeforeAnInstantIsFoundBackwards() {
        assertThat(RecurrenceExpander.lastBefore(NIGHTLY, MARCH_14)).map(Occurrence::resolvedInstant).contains(MARCH_13);
        assertThat(RecurrenceExpander.lastBefore(NIGHTLY, MARCH_14.plusSeconds(1))).map(Occurrence::resolvedInstant).contains(MARCH_14);
        assertThat(RecurrenceExpander.lastBefore(spec("0 0 29 2 *", "UTC"), Instant.parse("2027-01-01T00:00:00Z")))
                .map(Occurrence::resolvedInstant).contains(Instant.parse("2024-02-29T00:00:00Z"));
    }

    @Test
    void exceptionsAreValuesWithSortedKeys() {
        SeriesExceptions one = new SeriesExceptions(Set.of(MARCH_14, MARCH_12), Map.of(MARCH_13, UNTIL), null);
        SeriesExceptions other = SeriesExceptions.NONE.cancelling(MARCH_12).moving(MARCH_13, UNTIL).cancelling(MARCH_14);

        assertThat(one).isEqualTo(other);
        assertThat(one.size()).isEqualTo(3);
        assertThat(one.cancelled()).containsExactly(MARCH_12, MARCH_14);
        SeriesExceptions movedThenCancelled = one.cancelling(MARCH_13);
        assertThat(movedThenCancelled.size()).as("one occurrence, moved then cancelled").isEqualTo(3);
        assertThat(movedThenCancelled.isMoved(MARCH_13)).isFalse();
        assertThat(movedThenCancelled.moved()).as("where it was when cancelled").containsEntry(MARCH_13, UNTIL);
    }
}
