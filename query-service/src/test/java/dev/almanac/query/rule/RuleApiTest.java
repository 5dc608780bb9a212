package dev.almanac.query.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import dev.almanac.events.EventSamples;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.rule.ConcurrencyPolicy;
import dev.almanac.events.rule.CronSyntax;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.RecurrenceRule;
import dev.almanac.events.rule.GapPolicy;
import dev.almanac.events.rule.JobTemplate;
import dev.almanac.events.rule.OverlapPolicy;
import dev.almanac.events.rule.RetryPolicy;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleMetadata;
import dev.almanac.events.rule.RuleOptions;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.platform.input.TextRules;
import dev.almanac.platform.problem.ProblemTypes;
import dev.almanac.platform.testing.JsonSchemas;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.ReadModelFixture;
import dev.almanac.query.support.RecurringRules;

/** {@code GET /api/v1/schedules/rules/{id}}, where the Location of a created rule points. */
@QueryApiTest
class RuleApiTest extends ReadModelApiTest {

    /** A heartbeat shows as it was given (ADR 0073), beside the RRULE of its beats; no other rule has one. */
    @Test
    void showsAHeartbeatsIntervalAndGrace() {
        RuleCreated heartbeat = RecurringRules.heartbeat("rule-alive", "cal-ops", ZoneId.of("UTC"), Instant.parse("2026-12-02T00:00:00Z"), 600);
        readModels.given(EventSamples.ruleCreated(), heartbeat);

        client.get().uri("/api/v1/schedules/rules/{id}", "rule-alive")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.heartbeat.interval").isEqualTo("10m")
                .jsonPath("$.heartbeat.grace").isEqualTo("1m")
                .jsonPath("$.rrule").isEqualTo(heartbeat.rrule().rrule());
        client.get().uri("/api/v1/schedules/rules/{id}", EventSamples.ruleCreated().ruleId().value())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.heartbeat").doesNotExist();
    }

    /** The options the dispatcher enforces come back as they were given, so that a client can send them again. */
    @Test
    void showsTheRetryAndConcurrencyOptionsAsTheRuleGaveThem() {
        RuleCreated sample = EventSamples.ruleCreated();
        RuleCreated rule = new RuleCreated(RuleId.of("rule-retried"), sample.name(), sample.cron(), sample.timezone(), sample.calendarId(),
                sample.durationSeconds(), sample.activeFrom(), sample.dstPolicy(), sample.jobTemplate(),
                new RuleOptions(2, 0, RetryPolicy.LINEAR, false, null, null, 5, 90, ConcurrencyPolicy.BUFFER_ONE, null),
                sample.metadata(), null, null);
        readModels.given(sample, rule);

        client.get().uri("/api/v1/schedules/rules/{id}", "rule-retried")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.options.max_concurrent").isEqualTo(2)
                .jsonPath("$.options.retry_policy").isEqualTo("linear")
                .jsonPath("$.options.retry_limit").isEqualTo(5)
                .jsonPath("$.options.retry_backoff").isEqualTo("1m30s")
                .jsonPath("$.options.concurrency_policy").isEqualTo("buffer_one");
        client.get().uri("/api/v1/schedules/rules/{id}", sample.ruleId().value())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.options.retry_limit").doesNotExist()
                .jsonPath("$.options.retry_backoff").doesNotExist()
                .jsonPath("$.options.concurrency_policy").doesNotExist();
    }

    @Test
    void showsARuleInTheSeedsRecurringRuleShapeWithItsVersionAsETag() {
        RuleCreated rule = EventSamples.ruleCreated();
        readModels.given(rule);

        byte[] body = client.get().uri("/api/v1/schedules/rules/{id}", rule.ruleId().value())
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"0\"")
                .expectBody()
                .jsonPath("$.id").isEqualTo(rule.ruleId().value())
                .jsonPath("$.name").isEqualTo(rule.name())
                .jsonPath("$.cron").isEqualTo(rule.cron())
                .jsonPath("$.timezone").isEqualTo("America/New_York")
                .jsonPath("$.queue").isEqualTo(rule.calendarId().value())
                .jsonPath("$.status").isEqualTo("active")
                .jsonPath("$.created_at").isEqualTo("2026-11-21T10:00:00Z")
                .jsonPath("$.created_by").isEqualTo("tester")
                .jsonPath("$.job_template.type").isEqualTo("maintenance_job")
                .jsonPath("$.job_template.payload.action").isEqualTo("cleanup")
                .jsonPath("$.job_template.priority").isEqualTo(5)
                .jsonPath("$.job_template.timeout").isEqualTo(600)
                .jsonPath("$.job_template.estimated_duration").isEqualTo("15m")
                .jsonPath("$.options.max_concurrent").isEqualTo(1)
                .jsonPath("$.options.jitter_seconds").isEqualTo(0)
                .jsonPath("$.options.retry_policy").isEqualTo("exponential")
                .jsonPath("$.options.catchup").isEqualTo(false)
                .jsonPath("$.options.max_history").isEqualTo(100)
                .jsonPath("$.options.dst_policy.gap").isEqualTo("shift_forward")
                .jsonPath("$.options.dst_policy.overlap").isEqualTo("earlier")
                .jsonPath("$.metadata.owner").isEqualTo("platform-team")
                .jsonPath("$.metadata.tags[0]").isEqualTo("ops")
                .jsonPath("$.metadata.schedule_description").isEqualTo("at 02:30")
                .jsonPath("$.cron_dialect").doesNotExist()
                .jsonPath("$.rrule").doesNotExist()
                .returnResult().getResponseBody();

        assertThat(JsonSchemas.f033Errors("RecurringRule", new String(body, StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void aRuleScheduledByAnRruleShowsItsRuleDtstartAndExceptionsInsteadOfACron() {
        RuleCreated sample = EventSamples.ruleCreated();
        RuleCreated rule = new RuleCreated(RuleId.of("rule-last-friday"), sample.name(), "", sample.timezone(), sample.calendarId(),
                sample.durationSeconds(), sample.activeFrom(), sample.dstPolicy(), sample.jobTemplate(), sample.options(),
                sample.metadata(), null, new RecurrenceRule("FREQ=MONTHLY;BYDAY=-1FR", LocalDateTime.parse("2026-12-01T10:00:00"),
                List.of(LocalDateTime.parse("2026-12-25T10:00:00")), List.of()));
        readModels.given(rule);

        client.get().uri("/api/v1/schedules/rules/{id}", rule.ruleId().value())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.cron").doesNotExist()
                .jsonPath("$.rrule").isEqualTo("FREQ=MONTHLY;BYDAY=-1FR")
                .jsonPath("$.dtstart").isEqualTo("2026-12-01T10:00:00")
                .jsonPath("$.exdates[0]").isEqualTo("2026-12-25T10:00:00")
                .jsonPath("$.rdates").isEmpty()
                .jsonPath("$.metadata.schedule_description").value(description ->
                        assertThat((String) description).containsIgnoringCase("last").containsIgnoringCase("friday"))
                // The last Friday of a month at 10:00 New York, from now on.
                .jsonPath("$.next_run").value(nextRun -> assertThat(Instant.parse((String) nextRun)
                        .atZone(ZoneId.of("America/New_York")).getDayOfWeek()).isEqualTo(java.time.DayOfWeek.FRIDAY));
    }

    @Test
    void aRuleWhoseCountIsSpentIsExpiredWithNoNextRun() {
        RuleCreated sample = EventSamples.ruleCreated();
        RuleCreated rule = new RuleCreated(RuleId.of("rule-three-days"), sample.name(), "", sample.timezone(), sample.calendarId(),
                sample.durationSeconds(), sample.activeFrom(), sample.dstPolicy(), sample.jobTemplate(), sample.options(),
                sample.metadata(), null, new RecurrenceRule("FREQ=DAILY;COUNT=3", LocalDateTime.parse("2026-01-01T10:00:00"),
                List.of(), List.of()));
        readModels.given(rule);

        client.get().uri("/api/v1/schedules/rules/{id}", rule.ruleId().value())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("expired")
                .jsonPath("$.next_run").doesNotExist();
    }

    @Test
    void aQuartzRuleShowsItsDialect() {
        RuleCreated sample = EventSamples.ruleCreated();
        RuleCreated rule = new RuleCreated(RuleId.of("rule-quartz"), sample.name(), "0 0 10 ? * 6L", sample.timezone(),
                sample.calendarId(), sample.durationSeconds(), sample.activeFrom(), sample.dstPolicy(), sample.jobTemplate(),
                sample.options(), sample.metadata(), CronSyntax.QUARTZ, null);
        readModels.given(rule);

        client.get().uri("/api/v1/schedules/rules/{id}", rule.ruleId().value())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.cron").isEqualTo("0 0 10 ? * 6L")
                .jsonPath("$.cron_dialect").isEqualTo("quartz");
    }

    @Test
    void aPausedRuleShowsWhenAndByWhomItWasPausedInTheSeedsShape() {
        RuleCreated rule = EventSamples.ruleCreated();
        readModels.given(rule, new RulePaused(rule.ruleId(), Instant.parse("2026-11-21T10:00:00Z"),
                Instant.parse("2099-01-01T00:00:00Z"), "Venue closed"));

        byte[] body = client.get().uri("/api/v1/schedules/rules/{id}", rule.ruleId().value())
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody()
                .jsonPath("$.status").isEqualTo("paused")
                .jsonPath("$.paused_at").isEqualTo("2026-11-21T10:00:00Z")
                .jsonPath("$.paused_by").isEqualTo("tester")
                .jsonPath("$.name").isEqualTo(rule.name())
                .returnResult().getResponseBody();

        assertThat(JsonSchemas.f033Errors("RecurringRule", new String(body, StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void aPauseWhoseResumeAfterHasPassedShowsTheRuleActiveAgain() {
        RuleCreated rule = EventSamples.ruleCreated();
        readModels.given(rule, new RulePaused(rule.ruleId(), Instant.parse("2020-01-01T00:00:00Z"),
                Instant.parse("2020-01-02T00:00:00Z"), null));

        client.get().uri("/api/v1/schedules/rules/{id}", rule.ruleId().value())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("active")
                .jsonPath("$.paused_at").doesNotExist()
                .jsonPath("$.paused_by").doesNotExist();
    }

    @Test
    void aResumedRuleIsActiveAndADeletedOneStaysReadableAsDisabled() {
        RuleCreated rule = EventSamples.ruleCreated();
        readModels.given(rule, EventSamples.rulePaused(), EventSamples.ruleResumed());
        client.get().uri("/api/v1/schedules/rules/{id}", rule.ruleId().value()).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("active").jsonPath("$.paused_at").doesNotExist();

        readModels.given(EventSamples.ruleDeleted());

        client.get().uri("/api/v1/schedules/rules/{id}", rule.ruleId().value()).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"3\"")
                .expectBody().jsonPath("$.status").isEqualTo("disabled").jsonPath("$.name").isEqualTo(rule.name());
    }

    @Test
    void aRuleKnownOnlyFromALifecycleEventIsNotShown() {
        readModels.given(EventSamples.rulePaused());

        client.get().uri("/api/v1/schedules/rules/{id}", EventSamples.NIGHTLY.value()).exchange()
                .expectStatus().isNotFound();
    }

    /** What LegalOddCommands sends: JSON nulls, keys with dots and dollars, nested objects and arrays, all as given. */
    @Test
    void showsAnOddPayloadAsItWasSentAndLeavesOutWhatWasNotGiven() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("$", List.of(true, "x"));
        nested.put("", null);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("a.b", 1);
        payload.put("$set", "🗝 ключ");
        payload.put("nothing", null);
        payload.put("nested.deep", nested);
        RuleCreated sample = EventSamples.ruleCreated();
        RuleCreated odd = new RuleCreated(RuleId.of("rule-odd"), sample.name(), "*/5 * * * *", ZoneId.of("Asia/Kathmandu"),
                CalendarId.of("cal-a"), 5400, sample.activeFrom(), new DstPolicy(GapPolicy.SKIP, OverlapPolicy.TWICE),
                new JobTemplate("job", payload, null, null), new RuleOptions(null, 3600, RetryPolicy.NONE, true, null),
                RuleMetadata.NONE);
        readModels.given(ReadModelFixture.calendar("cal-a", ZoneId.of("UTC")), odd);

        byte[] body = client.get().uri("/api/v1/schedules/rules/rule-odd")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.job_template.payload['a.b']").isEqualTo(1)
                .jsonPath("$.job_template.payload['$set']").isEqualTo("🗝 ключ")
                .jsonPath("$.job_template.payload['nothing']").isEmpty()
                .jsonPath("$.job_template.payload['nested.deep']['$'][0]").isEqualTo(true)
                .jsonPath("$.job_template.priority").doesNotExist()
                .jsonPath("$.job_template.timeout").doesNotExist()
                .jsonPath("$.job_template.estimated_duration").isEqualTo("1h30m")
                .jsonPath("$.options.max_concurrent").doesNotExist()
                .jsonPath("$.options.jitter_seconds").isEqualTo(3600)
                .jsonPath("$.options.catchup").isEqualTo(true)
                .jsonPath("$.options.dst_policy.gap").isEqualTo("skip")
                .jsonPath("$.options.dst_policy.overlap").isEqualTo("twice")
                .jsonPath("$.metadata.owner").doesNotExist()
                .jsonPath("$.metadata.tags").isEmpty()
                .returnResult().getResponseBody();

        String json = new String(body, StandardCharsets.UTF_8);
        assertThat(json).contains("\"nothing\":null", "\"\":null");
        assertThat(JsonSchemas.f033Errors("RecurringRule", json)).isEmpty();
    }

    @Test
    void writesTheEstimatedDurationAsARequestWouldGiveIt() {
        assertThat(RuleView.estimatedDuration(300)).isEqualTo("5m");
        assertThat(RuleView.estimatedDuration(90)).isEqualTo("1m30s");
        assertThat(RuleView.estimatedDuration(86_400)).isEqualTo("24h");
        assertThat(RuleView.estimatedDuration(86_399)).isEqualTo("23h59m59s");
        assertThat(RuleView.estimatedDuration(1)).isEqualTo("1s");
    }

    @Test
    void anUnknownRuleIsANotFoundProblem() {
        client.get().uri("/api/v1/schedules/rules/rule-missing")
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(ProblemTypes.NOT_FOUND)
                .jsonPath("$.errors[0].field").isEqualTo("id")
                .jsonPath("$.errors[0].rule").isEqualTo("exists");
    }

    @Test
    void anIdNoRuleCanHaveIsABadRequestNamingTheId() {
        client.get().uri("/api/v1/schedules/rules/{id}", "bad id!")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo("id")
                .jsonPath("$.errors[0].rule").isEqualTo("format");
        client.get().uri("/api/v1/schedules/rules/{id}", "rule\u0000")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("id")
                .jsonPath("$.errors[0].rule").isEqualTo(TextRules.RULE);
    }
}
