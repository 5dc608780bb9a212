package dev.almanac.query.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.rule.DstResolution;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleEnded;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleOccurrenceCancelled;
import dev.almanac.events.rule.RuleOccurrenceMoved;
import dev.almanac.query.projection.DecidedEvent;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.ReadModelFixture;
import dev.almanac.query.support.Received;
import dev.almanac.query.support.RecurringRules;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.RecurrenceSpec;
import dev.almanac.recurrence.Series;
import dev.almanac.recurrence.SeriesExceptions;
import dev.almanac.recurrence.Tzdata;

/**
 * Exceptions to a series in the window (ADR 0023): a moved occurrence counts where it was moved to,
 * a cancelled one and those past the series' end do not count, whether they lie before or beyond
 * the horizon, and the window is the same before, halfway through and after the horizon passes them.
 */
@QueryApiTest
class SeriesExceptionsWindowApiTest extends ReadModelApiTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Instant ACTIVE_FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant MATERIALISED_UNTIL = Instant.parse("2026-03-06T00:00:00Z");
    private static final String YEAR = "from=2026-01-01T00:00:00Z&till=2027-01-01T00:00:00Z";
    /** 02:30 every night in New York with up to 10 minutes of jitter. */
    private final RuleCreated nightly = RecurringRules.rule("rule-night", "cal-ny", "30 2 * * *", NEW_YORK, ACTIVE_FROM, 600);
    private final RuleId rule = nightly.ruleId();
    /** New York springs forward on 8 March 2026: 02:30 does not exist and runs at 03:30 EDT, 07:30Z. */
    private final Instant springForward = Instant.parse("2026-03-08T07:30:00Z");
    private final Instant march20 = Instant.parse("2026-03-20T06:30:00Z");
    private final Instant april15 = Instant.parse("2026-04-15T06:30:00Z");
    private final Instant october1 = Instant.parse("2026-10-01T06:30:00Z");
    private final Instant springForwardMovedTo = Instant.parse("2026-03-10T13:00:00Z");
    private final Instant march20MovedTo = Instant.parse("2026-03-09T15:00:00Z");
    private SeriesExceptions exceptions = SeriesExceptions.NONE;

    @Test
    void movedCancelledAndEndedOccurrencesCountAsTheyStandBeforeAndAfterTheHorizonPassesThem() {
        readModels.given(ReadModelFixture.calendar("cal-ny", NEW_YORK), nightly);
        materialise(0, ACTIVE_FROM, MATERIALISED_UNTIL);
        assertThat(series().occurrenceAt(springForward)).get().extracting(Occurrence::dstResolution).isEqualTo(DstResolution.GAP_SHIFTED);

        // Each exception lies beyond the horizon when it is made; rule-expander publishes each move at once.
        move(1, springForward, springForwardMovedTo);
        move(2, march20, march20MovedTo);
        readModels.given(new RuleOccurrenceCancelled(rule, OccurrenceId.of(rule, april15), april15, ACTIVE_FROM, null));
        exceptions = exceptions.cancelling(april15);
        readModels.given(new RuleEnded(rule, october1, ACTIVE_FROM, RuleId.of("rule-night-v2")));
        exceptions = exceptions.endingAt(october1);

        List<String> windows = List.of(
                YEAR + "&timezone=America/New_York&granularity=day",
                YEAR + "&timezone=America/New_York&granularity=week&queue=cal-ny",
                "from=2026-03-07T00:00:00Z&till=2026-03-12T00:00:00Z&timezone=America/New_York&granularity=hour",
                YEAR + "&timezone=UTC&granularity=day&type=job-rule-night");
        List<String> before = windows.stream().map(this::body).toList();
        assertThat(jobCountsByDay(before.get(0))).isEqualTo(expectedByDay());
        assertThat(jobCountsByDay(before.get(0))).as("the moves, where they were moved to")
                .containsEntry(LocalDate.parse("2026-03-09"), 2L).containsEntry(LocalDate.parse("2026-03-10"), 2L)
                .doesNotContainKey(LocalDate.parse("2026-10-02"));
        assertThat(jobCountsByDay(before.get(0)).get(LocalDate.parse("2026-03-08"))).as("the spring-forward night, moved away").isNull();

        materialise(4, MATERIALISED_UNTIL, Instant.parse("2026-03-21T00:00:00Z"));
        List<String> halfway = windows.stream().map(this::body).toList();
        materialise(4, Instant.parse("2026-03-21T00:00:00Z"), Instant.parse("2026-11-01T00:00:00Z"));
        List<String> after = windows.stream().map(this::body).toList();

        assertThat(halfway).isEqualTo(before);
        assertThat(after).isEqualTo(before);
    }

    private Series series() {
        return new Series(RecurrenceSpec.of(nightly), exceptions);
    }

    /** The move at {@code version}, and the moved occurrence rule-expander publishes at once at that version. */
    private void move(long version, Instant recurrenceId, Instant to) {
        readModels.given(new RuleOccurrenceMoved(rule, OccurrenceId.of(rule, recurrenceId), recurrenceId, to, ACTIVE_FROM, null));
        exceptions = exceptions.moving(recurrenceId, to);
        Occurrence inSeries = series().occurrenceAt(recurrenceId).orElseThrow();
        projections.applyNow(List.of(projections.decide(Received.of(event(inSeries.movedTo(to), version, inSeries.start()), version))));
    }

    /** One rule-expander pass over {@code [from, until)} of the series as it stands, applied in batches as the listener would. */
    private void materialise(long version, Instant from, Instant until) {
        List<DecidedEvent> batch = new ArrayList<>();
        for (Occurrence occurrence : series().expand(from, until, 10_000_000).occurrences()) {
            batch.add(projections.decide(Received.of(event(occurrence, version, null), version)));
            if (batch.size() == 500) {
                projections.applyNow(batch);
                batch.clear();
            }
        }
        projections.applyNow(batch);
    }

    private OccurrenceMaterialized event(Occurrence occurrence, long version, Instant movedFrom) {
        return new OccurrenceMaterialized(occurrence.id(), rule, version, nightly.calendarId(), nightly.name(), nightly.jobTemplate().type(),
                occurrence.resolvedInstant(), occurrence.start(), occurrence.end(), occurrence.zone(), occurrence.nominalLocalTime(),
                nightly.dstPolicy(), occurrence.dstResolution(), Tzdata.version(NEW_YORK), movedFrom, null);
    }

    /** Every occurrence of the series as it stands in 2026, per local day in New York. */
    private Map<LocalDate, Long> expectedByDay() {
        Map<LocalDate, Long> counts = new TreeMap<>();
        List<Occurrence> standing = new ArrayList<>(series().expand(ACTIVE_FROM, Instant.parse("2027-01-01T00:00:00Z"), 10_000_000)
                .occurrences());
        standing.addAll(series().moved());
        standing.forEach(occurrence -> counts.merge(LocalDate.ofInstant(occurrence.start(), NEW_YORK), 1L, Long::sum));
        return counts;
    }

    private static Map<LocalDate, Long> jobCountsByDay(String window) {
        Map<LocalDate, Long> counts = new TreeMap<>();
        for (JsonNode bucket : new ObjectMapper().readTree(window).get("buckets")) {
            long count = bucket.get("job_count").asLong();
            if (count > 0) {
                counts.put(OffsetDateTime.parse(bucket.get("local_time").asString()).toLocalDate(), count);
            }
        }
        return counts;
    }

    private String body(String query) {
        return client.get().uri("/api/v1/schedules/window?" + query).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }
}
