package dev.almanac.query.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.query.entry.EntryTiming;
import dev.almanac.query.projection.DecidedEvent;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.ReadModelFixture;
import dev.almanac.query.support.Received;
import dev.almanac.query.support.RecurringRules;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.RecurrenceExpander;
import dev.almanac.recurrence.RecurrenceSpec;

/**
 * The window over rules, computed from their timelines, is, byte for byte, the window of every
 * occurrence counted one by one and written with plain maps, for generated windows: every
 * granularity, over all calendars or one (with two rules), edges off the quarter-hour, in zones
 * with 30- and 45-minute offsets (Kolkata, Kathmandu, Chatham, St John's), a 30-minute DST shift
 * (Lord Howe), and rules that fall in a DST gap (New York's 02:30 on spring-forward day) or
 * overlap (London's 01:15 on fall-back day), one with a jitter.
 *
 * <p>With {@code -Dalmanac.window.dump=<directory>} each answer is also written there, one file per
 * window, so that the answers of two versions of the service can be compared with {@code diff -r}.
 */
@QueryApiTest
class RuleOccurrenceAnswersTest extends ReadModelApiTest {

    private static final Instant ACTIVE_FROM = Instant.parse("2026-01-01T00:00:00Z");
    /** After the latest till a generated window can have. */
    private static final Instant LAST = Instant.parse("2027-01-10T00:00:00Z").plus(Duration.ofDays(365));
    private static final Instant MATERIALISED_UNTIL = Instant.parse("2026-01-04T00:00:00Z");
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Asia/Kolkata"), ZoneId.of("Asia/Kathmandu"),
            ZoneId.of("Pacific/Chatham"), ZoneId.of("America/St_Johns"), ZoneId.of("Australia/Lord_Howe"), ZoneId.of("America/New_York"),
            ZoneId.of("Europe/London"));
    private static final List<String> CALENDARS = List.of("cal-a", "cal-b", "cal-c", "cal-d", "cal-e", "cal-f");

    private final List<RuleCreated> rules = List.of(
            RecurringRules.rule("rule-5m", "cal-a", "*/5 * * * *", ZoneId.of("Asia/Kolkata"), ACTIVE_FROM, 0),
            RecurringRules.rule("rule-gap", "cal-a", "30 2 * * *", ZoneId.of("America/New_York"), ACTIVE_FROM, 600),
            RecurringRules.rule("rule-overlap", "cal-b", "15 1 * * *", ZoneId.of("Europe/London"), ACTIVE_FROM, 0),
            RecurringRules.rule("rule-20m", "cal-c", "*/20 * * * *", ZoneId.of("Asia/Kathmandu"), ACTIVE_FROM, 0),
            RecurringRules.rule("rule-howe", "cal-d", "45 */3 * * *", ZoneId.of("Australia/Lord_Howe"), ACTIVE_FROM, 0),
            RecurringRules.rule("rule-chatham", "cal-e", "0 9 * * 1-5", ZoneId.of("Pacific/Chatham"), ACTIVE_FROM, 0),
            RecurringRules.rule("rule-johns", "cal-f", "10,40 * * * *", ZoneId.of("America/St_Johns"), ACTIVE_FROM, 120));

    @Autowired
    private JsonMapper mapper;

    @Test
    void everyGeneratedWindowIsItsOccurrencesCountedOneByOneByteForByte() {
        List<EntryTiming> occurrences = givenRulesWithTheirFirstDaysMaterialised();
        Random random = new Random(20261124L);
        for (int i = 0; i < 80; i++) {
            Granularity granularity = Granularity.values()[random.nextInt(Granularity.values().length)];
            long longest = granularity == Granularity.HOUR ? Duration.ofDays(12).toSeconds() : Duration.ofDays(365).toSeconds();
            Instant from = ACTIVE_FROM.minus(Duration.ofDays(2)).plusSeconds(random.nextInt((int) Duration.ofDays(370).toSeconds()));
            Instant till = from.plusSeconds(1 + (random.nextInt(3) == 0 ? longest - 1 : random.nextLong(longest)));
            if (random.nextBoolean()) {
                from = Instant.ofEpochSecond(from.getEpochSecond() / 900 * 900);
                till = Instant.ofEpochSecond(Math.min(till.getEpochSecond() / 900 * 900 + 900, from.getEpochSecond() + longest));
            }
            ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
            String queue = random.nextInt(3) == 0 ? null : CALENDARS.get(random.nextInt(CALENDARS.size()));
            WindowSpec spec = new WindowSpec(from, till, zone, granularity);
            String uri = "/api/v1/schedules/window?from=" + from + "&till=" + till + "&timezone=" + zone.getId() + "&granularity="
                    + granularity.name().toLowerCase() + (queue == null ? "" : "&queue=" + queue);

            byte[] answer = client.get().uri(uri).exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();

            dump(i, uri, answer);
            assertThat(new String(answer, StandardCharsets.UTF_8)).as(uri).isEqualTo(countedOneByOne(occurrences, spec, queue));
        }
    }

    /** The calendars and rules, the first three days of each rule materialised; every occurrence of the rules up to {@link #LAST}. */
    private List<EntryTiming> givenRulesWithTheirFirstDaysMaterialised() {
        CALENDARS.forEach(calendar -> readModels.given(ReadModelFixture.calendar(calendar, ZoneId.of("UTC"))));
        rules.forEach(rule -> readModels.given(rule));
        List<EntryTiming> occurrences = new ArrayList<>();
        for (RuleCreated rule : rules) {
            List<DecidedEvent> batch = new ArrayList<>();
            for (OccurrenceMaterialized occurrence : RecurringRules.materialised(rule, 0, ACTIVE_FROM, MATERIALISED_UNTIL)) {
                batch.add(projections.decide(Received.of(occurrence, 0)));
            }
            projections.applyNow(batch);
            for (Occurrence occurrence : RecurrenceExpander.expand(RecurrenceSpec.of(rule), ACTIVE_FROM, LAST, 10_000_000).occurrences()) {
                occurrences.add(new EntryTiming(occurrence.start(), occurrence.end(), rule.calendarId().value(), rule.jobTemplate().type()));
            }
        }
        return occurrences;
    }

    /** The window as BucketGrid counts entries one by one, written by the service's mapper with plain sorted maps. */
    private String countedOneByOne(List<EntryTiming> occurrences, WindowSpec spec, String queue) {
        BucketGrid grid = BucketGrid.over(spec);
        for (EntryTiming occurrence : occurrences) {
            if (queue == null || queue.equals(occurrence.calendarId())) {
                grid.add(occurrence);
            }
        }
        ScheduleWindow counted = grid.toScheduleWindow();
        List<TimeBucket> plain = counted.buckets().stream()
                .map(bucket -> new TimeBucket(bucket.timestamp(), bucket.localTime(), bucket.jobCount(), new LinkedHashMap<>(bucket.queues()),
                        bucket.densityScore(), new LinkedHashMap<>(bucket.jobTypes()), bucket.estimatedDuration()))
                .toList();
        return mapper.writeValueAsString(new ScheduleWindow(counted.window(), plain, counted.summary()));
    }

    private static void dump(int index, String uri, byte[] answer) {
        String directory = System.getProperty("almanac.window.dump");
        if (directory == null) {
            return;
        }
        try {
            Files.createDirectories(Path.of(directory));
            Files.write(Path.of(directory, "window-%02d.json".formatted(index)), answer);
            Files.writeString(Path.of(directory, "window-%02d.uri".formatted(index)), uri);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
