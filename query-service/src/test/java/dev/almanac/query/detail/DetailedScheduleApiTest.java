package dev.almanac.query.detail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EventSamples;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.rule.DstResolution;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.schedule.ItemCancelled;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.platform.testing.JsonSchemas;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.ReadModelFixture;
import dev.almanac.query.support.RecurringRules;

@QueryApiTest
class DetailedScheduleApiTest extends ReadModelApiTest {

    private static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void listsEveryJobStartingOnTheLocalDayAcrossCalendarsInStartOrderWithItsRules() {
        // Kathmandu's 2026-12-01 runs from 2026-11-30T18:15Z to 2026-12-01T18:15Z: two UTC days.
        RuleCreated rule = EventSamples.ruleCreated();
        readModels.given(ReadModelFixture.calendar("cal-a", KATHMANDU), ReadModelFixture.calendar("cal-b", NEW_YORK),
                ReadModelFixture.calendar("cal-c", NEW_YORK), rule,
                ReadModelFixture.item("item-before", "cal-a", "meeting", Instant.parse("2026-11-30T18:14:59Z"), Duration.ofHours(2)),
                // Twelve hours: a copy in both UTC days read, listed once.
                ReadModelFixture.item("item-first", "cal-a", "meeting", Instant.parse("2026-11-30T18:15:00Z"), Duration.ofHours(12)),
                ReadModelFixture.item("item-late", "cal-b", "review", Instant.parse("2026-12-01T18:14:00Z"), Duration.ofHours(30)),
                ReadModelFixture.item("item-after", "cal-c", "review", Instant.parse("2026-12-01T18:15:00Z"), Duration.ofHours(1)),
                occurrence(rule, "cal-b", Instant.parse("2026-12-01T07:30:00Z")));

        byte[] body = client.get().uri("/api/v1/schedules/detailed?date=2026-12-01&timezone=Asia/Kathmandu")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.date").isEqualTo("2026-12-01")
                .jsonPath("$.timezone").isEqualTo("Asia/Kathmandu")
                .jsonPath("$.total_jobs").isEqualTo(3)
                .jsonPath("$.next_cursor").doesNotExist()
                .jsonPath("$.jobs[*].id").isEqualTo(List.of("item-first", OccurrenceId.of(rule.ruleId(),
                        Instant.parse("2026-12-01T07:30:00Z")).value(), "item-late"))
                .jsonPath("$.jobs[0].queue").isEqualTo("cal-a")
                .jsonPath("$.jobs[0].scheduled_at").isEqualTo("2026-12-01T00:00:00+05:45")
                .jsonPath("$.jobs[0].local_time").isEqualTo("00:00")
                .jsonPath("$.jobs[0].job_type").isEqualTo("meeting")
                .jsonPath("$.jobs[0].source").isEqualTo("manual")
                .jsonPath("$.jobs[0].rule_id").doesNotExist()
                .jsonPath("$.jobs[0].estimated_duration").isEqualTo("12h")
                .jsonPath("$.jobs[0].can_reschedule").isEqualTo(true)
                .jsonPath("$.jobs[0].metadata.title").isEqualTo("Quarterly review item-first")
                .jsonPath("$.jobs[0].metadata.kind").isEqualTo("item")
                .jsonPath("$.jobs[0].metadata.ends_at").isEqualTo("2026-12-01T06:15:00Z")
                .jsonPath("$.jobs[1].source").isEqualTo("recurring_rule")
                .jsonPath("$.jobs[1].rule_id").isEqualTo(rule.ruleId().value())
                .jsonPath("$.jobs[1].can_reschedule").isEqualTo(false)
                .jsonPath("$.jobs[1].estimated_duration").isEqualTo("15m")
                .jsonPath("$.jobs[2].scheduled_at").isEqualTo("2026-12-01T23:59:00+05:45")
                .jsonPath("$.jobs[2].estimated_duration").isEqualTo("30h")
                .jsonPath("$.recurring_rules.length()").isEqualTo(1)
                .jsonPath("$.recurring_rules[0].id").isEqualTo(rule.ruleId().value())
                .jsonPath("$.recurring_rules[0].cron").isEqualTo(rule.cron())
                .returnResult().getResponseBody();

        assertValidAgainstTheSeed(body);
        // Keys in a fixed order, so that every replica hashes the same body into the same ETag.
        assertThat(new String(body, StandardCharsets.UTF_8)).contains("\"metadata\":{\"title\":\"Quarterly review item-first\","
                + "\"priority\":\"normal\",\"kind\":\"item\",\"ends_at\":\"2026-12-01T06:15:00Z\",\"attachment_count\":0,\"has_attachments\":false}");
    }

    /** The rules are read in one find, and listed by id whatever order their occurrences come in. */
    @Test
    void listsEveryRuleOfTheDayOnceByIdAndLeavesOutARuleNotProjectedYet() {
        Instant morning = Instant.parse("2026-12-01T14:00:00Z");
        List<RuleCreated> rules = List.of(RecurringRules.rule("rule-c", "cal-b", "0 9 * * *", NEW_YORK, morning.minus(Duration.ofDays(2)), 0),
                RecurringRules.rule("rule-a", "cal-b", "0 10 * * *", NEW_YORK, morning.minus(Duration.ofDays(2)), 0),
                RecurringRules.rule("rule-b", "cal-c", "0 11 * * *", NEW_YORK, morning.minus(Duration.ofDays(2)), 0));
        RuleCreated unknown = RecurringRules.rule("rule-0", "cal-c", "0 12 * * *", NEW_YORK, morning.minus(Duration.ofDays(2)), 0);
        List<AlmanacEvent> events = new ArrayList<>(List.of(ReadModelFixture.calendar("cal-b", NEW_YORK), ReadModelFixture.calendar("cal-c", NEW_YORK)));
        events.addAll(rules);
        for (int i = 0; i < rules.size(); i++) {
            events.add(occurrence(rules.get(i), rules.get(i).calendarId().value(), morning.plus(Duration.ofHours(i)).plus(Duration.ofHours(1))));
            events.add(occurrence(rules.get(i), rules.get(i).calendarId().value(), morning.plus(Duration.ofHours(i))));
        }
        events.add(occurrence(unknown, "cal-c", morning.plus(Duration.ofHours(5))));
        readModels.given(events.toArray(AlmanacEvent[]::new));

        client.get().uri("/api/v1/schedules/detailed?date=2026-12-01&timezone=America/New_York")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.total_jobs").isEqualTo(7)
                .jsonPath("$.recurring_rules[*].id").isEqualTo(List.of("rule-a", "rule-b", "rule-c"));
    }

    /** The seed closes ScheduledJob, so the resources an item books travel in its metadata; api is one of the seed's sources. */
    @Test
    void anItemShowsTheResourcesItBooksInItsMetadataAndHowItWasScheduled() {
        readModels.given(ReadModelFixture.calendar(EventSamples.BALLROOM.value(), NEW_YORK), EventSamples.itemScheduled());

        byte[] body = client.get().uri("/api/v1/schedules/detailed?date=2026-12-01&timezone=America/New_York")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.jobs[0].id").isEqualTo(EventSamples.REVIEW.value())
                .jsonPath("$.jobs[0].source").isEqualTo("api")
                .jsonPath("$.jobs[0].metadata.resources[0].resource_id").isEqualTo("res-ballroom")
                .jsonPath("$.jobs[0].metadata.resources[0].role").isEqualTo("primary")
                .jsonPath("$.jobs[0].metadata.resources[1].resource_id").isEqualTo("res-projector")
                .jsonPath("$.jobs[0].metadata.resources[1].role").isEqualTo("secondary")
                .returnResult().getResponseBody();

        assertValidAgainstTheSeed(body);
    }

    @Test
    void aFallBackDayHasTwentyFiveHoursAndTellsTheRepeatedHourApartByOffset() {
        readModels.given(ReadModelFixture.calendar("cal-a", NEW_YORK),
                ReadModelFixture.item("item-edt", "cal-a", "run", Instant.parse("2026-11-01T05:30:00Z"), Duration.ofMinutes(15)),
                ReadModelFixture.item("item-est", "cal-a", "run", Instant.parse("2026-11-01T06:30:00Z"), Duration.ofMinutes(15)),
                ReadModelFixture.item("item-last", "cal-a", "run", Instant.parse("2026-11-02T04:59:00Z"), Duration.ofMinutes(15)),
                ReadModelFixture.item("item-next", "cal-a", "run", Instant.parse("2026-11-02T05:00:00Z"), Duration.ofMinutes(15)));

        client.get().uri("/api/v1/schedules/detailed?date=2026-11-01&timezone=America/New_York&time_format=12h")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.jobs[*].id").isEqualTo(List.of("item-edt", "item-est", "item-last"))
                .jsonPath("$.jobs[0].scheduled_at").isEqualTo("2026-11-01T01:30:00-04:00")
                .jsonPath("$.jobs[1].scheduled_at").isEqualTo("2026-11-01T01:30:00-05:00")
                .jsonPath("$.jobs[0].local_time").isEqualTo("01:30 AM")
                .jsonPath("$.jobs[1].local_time").isEqualTo("01:30 AM")
                .jsonPath("$.jobs[2].local_time").isEqualTo("11:59 PM");
    }

    @Test
    void aSpringForwardDayHasTwentyThreeHours() {
        readModels.given(ReadModelFixture.calendar("cal-a", NEW_YORK),
                ReadModelFixture.item("item-before", "cal-a", "run", Instant.parse("2026-03-08T04:59:00Z"), Duration.ofMinutes(15)),
                ReadModelFixture.item("item-first", "cal-a", "run", Instant.parse("2026-03-08T05:00:00Z"), Duration.ofMinutes(15)),
                ReadModelFixture.item("item-after-gap", "cal-a", "run", Instant.parse("2026-03-08T07:00:00Z"), Duration.ofMinutes(15)),
                ReadModelFixture.item("item-last", "cal-a", "run", Instant.parse("2026-03-09T03:59:00Z"), Duration.ofMinutes(15)),
                ReadModelFixture.item("item-next", "cal-a", "run", Instant.parse("2026-03-09T04:00:00Z"), Duration.ofMinutes(15)));

        client.get().uri("/api/v1/schedules/detailed?date=2026-03-08&timezone=America/New_York")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.jobs[*].id").isEqualTo(List.of("item-first", "item-after-gap", "item-last"))
                .jsonPath("$.jobs[1].scheduled_at").isEqualTo("2026-03-08T03:00:00-04:00");
    }

    @Test
    void pagesWithACursorSoThatThePagesTogetherAreTheDayOnce() {
        List<String> expected = new ArrayList<>();
        readModels.given(ReadModelFixture.calendar("cal-a", NEW_YORK), ReadModelFixture.calendar("cal-b", NEW_YORK));
        Instant nine = Instant.parse("2026-12-01T09:00:00Z");
        for (int i = 0; i < 7; i++) {
            String calendar = i % 2 == 0 ? "cal-a" : "cal-b";
            // Two pairs share a start, so the cursor must order by id within a start.
            Instant start = nine.plus(Duration.ofMinutes(30L * (i / 2)));
            readModels.given(ReadModelFixture.item("item-" + i, calendar, "run", start, Duration.ofDays(2)));
            expected.add("item-" + i);
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String uri = "/api/v1/schedules/detailed?date=2026-12-01&limit=3" + (cursor == null ? "" : "&cursor=" + cursor);
            JsonNode page = json(client.get().uri(uri).exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());
            assertThat(page.get("total_jobs").asInt()).isEqualTo(7);
            page.get("jobs").forEach(job -> seen.add(job.get("id").asString()));
            cursor = page.has("next_cursor") ? page.get("next_cursor").asString() : null;
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void narrowsToOneQueueAndLeavesOutCancelledItems() {
        ItemScheduled review = EventSamples.itemScheduled();
        readModels.given(ReadModelFixture.calendar(EventSamples.BALLROOM.value(), NEW_YORK), ReadModelFixture.calendar("cal-b", NEW_YORK),
                review,
                ReadModelFixture.item("item-kept", EventSamples.BALLROOM.value(), "run", Instant.parse("2026-12-01T17:00:00Z"), Duration.ofHours(1)),
                ReadModelFixture.item("item-elsewhere", "cal-b", "run", Instant.parse("2026-12-01T17:00:00Z"), Duration.ofHours(1)),
                new ItemCancelled(review.itemId(), review.calendarId(), review.start(), review.end(), "called off"));

        client.get().uri("/api/v1/schedules/detailed?date=2026-12-01&queue=" + EventSamples.BALLROOM.value())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.jobs[*].id").isEqualTo(List.of("item-kept"))
                .jsonPath("$.total_jobs").isEqualTo(1);
    }

    /** Over all calendars the day is read from the starting hours: a move leaves its old hour, a cancellation every hour. */
    @Test
    void overAllCalendarsAMovedItemIsListedAtItsNewStartOnlyAndACancelledOneNotAtAll() {
        ItemScheduled review = EventSamples.itemScheduled();
        Instant start = Instant.parse("2026-12-01T09:10:00Z");
        readModels.given(ReadModelFixture.calendar(EventSamples.BALLROOM.value(), NEW_YORK), ReadModelFixture.calendar("cal-b", NEW_YORK),
                review,
                ReadModelFixture.item("item-moved", "cal-b", "run", start, Duration.ofMinutes(20)),
                ReadModelFixture.item("item-moved-away", "cal-b", "run", start, Duration.ofMinutes(20)),
                new ItemRescheduled(ItemId.of("item-moved"), CalendarId.of("cal-b"), start, start.plus(Duration.ofMinutes(20)),
                        start.plus(Duration.ofHours(5)), start.plus(Duration.ofHours(5)).plus(Duration.ofMinutes(20)), "later"),
                new ItemRescheduled(ItemId.of("item-moved-away"), CalendarId.of("cal-b"), start, start.plus(Duration.ofMinutes(20)),
                        start.plus(Duration.ofDays(1)), start.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(20)), "tomorrow"),
                new ItemCancelled(review.itemId(), review.calendarId(), review.start(), review.end(), "called off"));

        client.get().uri("/api/v1/schedules/detailed?date=2026-12-01")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.total_jobs").isEqualTo(1)
                .jsonPath("$.jobs[*].id").isEqualTo(List.of("item-moved"))
                .jsonPath("$.jobs[0].scheduled_at").isEqualTo("2026-12-01T14:10:00Z")
                .jsonPath("$.jobs[0].reschedule_count").isEqualTo(1);
        client.get().uri("/api/v1/schedules/detailed?date=2026-12-02")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.jobs[*].id").isEqualTo(List.of("item-moved-away"));
    }

    @Test
    void anEmptyDayIsAnEmptyListNotAnError() {
        client.get().uri("/api/v1/schedules/detailed?date=2026-12-01")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.timezone").isEqualTo("UTC")
                .jsonPath("$.total_jobs").isEqualTo(0)
                .jsonPath("$.jobs").isEmpty()
                .jsonPath("$.recurring_rules").isEmpty();
    }

    @Test
    void anUnknownQueueIsNotFound() {
        client.get().uri("/api/v1/schedules/detailed?date=2026-12-01&queue=cal-missing")
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("queue")
                .jsonPath("$.errors[0].rule").isEqualTo("exists");
    }

    @Test
    void everyBadParameterIsNamedInOneProblem() {
        client.get().uri("/api/v1/schedules/detailed?date=2026-02-30&timezone=Mars/Olympus&queue=bad id&limit=1001&cursor=%%%&time_format=13h")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[*].field").isEqualTo(List.of("date", "timezone", "queue", "limit", "cursor", "time_format"))
                .jsonPath("$.errors[*].rule").isEqualTo(List.of("iso_date", "iana_zone", "format", "range", "format", "one_of"));
    }

    @Test
    void aDateMustBeWrittenInFull() {
        for (String date : List.of("2026-1-01", "20261201", "2026-12-01T00:00:00Z", "+12026-12-01", "0000-12-31", "", "٢٠٢٦-١٢-٠١")) {
            client.get().uri(builder -> builder.path("/api/v1/schedules/detailed").queryParam("date", "{date}").build(date))
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field").isEqualTo("date");
        }
        client.get().uri("/api/v1/schedules/detailed?date=9999-12-31&timezone=Pacific/Kiritimati")
                .exchange()
                .expectStatus().isOk();
        client.get().uri(builder -> builder.path("/api/v1/schedules/detailed").queryParam("date", "0001-01-01")
                        .queryParam("timezone", "{zone}").build("Etc/GMT+12"))
                .exchange()
                .expectStatus().isOk();
    }

    private static OccurrenceMaterialized occurrence(RuleCreated rule, String calendarId, Instant start) {
        return new OccurrenceMaterialized(OccurrenceId.of(rule.ruleId(), start), rule.ruleId(), 0, CalendarId.of(calendarId),
                rule.name(), rule.jobTemplate().type(), start, start, start.plusSeconds(rule.durationSeconds()), rule.timezone(),
                LocalDateTime.ofInstant(start, rule.timezone()), rule.dstPolicy(), DstResolution.EXACT, "2025b");
    }

    private static JsonNode json(byte[] body) {
        return JSON.readTree(new String(body, StandardCharsets.UTF_8));
    }

    private static void assertValidAgainstTheSeed(byte[] body) {
        JsonNode day = json(body);
        for (JsonNode job : day.get("jobs")) {
            assertThat(JsonSchemas.seed000Errors("ScheduledJob", job.toString())).as(job.toString()).isEmpty();
        }
        for (JsonNode rule : day.get("recurring_rules")) {
            assertThat(JsonSchemas.seed000Errors("RecurringRule", rule.toString())).as(rule.toString()).isEmpty();
        }
    }
}
