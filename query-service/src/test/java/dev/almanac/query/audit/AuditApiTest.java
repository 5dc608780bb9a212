package dev.almanac.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.UserId;
import dev.almanac.events.audit.CommandRefused;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.query.support.FeedFixture;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.ReadModelFixture;

/** The audit trail over HTTP: who did what, old and new values, refusals, and who may read it. */
@QueryApiTest
class AuditApiTest extends ReadModelApiTest {

    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");
    private static final String RANGE = "&from=2026-11-20T00:00:00Z&till=2026-11-22T00:00:00Z";

    private FeedFixture feed;

    @BeforeEach
    void feed() {
        feed = new FeedFixture(projections);
    }

    private void by(String actor, AlmanacEvent event, long version) {
        feed.given(new ReceivedEvent(FeedFixture.by(actor, event, version), event));
    }

    @Test
    void aManagerReadsWhoChangedWhatWithTheOldAndNewValuesAndTheRefusedCommands() {
        by("mia", ReadModelFixture.calendar("cal-m", ZoneId.of("Europe/Berlin")), 0);
        by("mia", new CalendarAccessGranted(CalendarId.of("cal-m"), UserId.of("mia"), CalendarRole.MANAGER, null), 1);
        by("sam", ReadModelFixture.item("item-m", "cal-m", "meeting", START, Duration.ofHours(1)), 0);
        by("sam", new ItemRescheduled(ItemId.of("item-m"), CalendarId.of("cal-m"), START, START.plusSeconds(3600),
                START.plusSeconds(7200), START.plusSeconds(10_800), "client asked"), 1);
        by("sam", new CommandRefused("RescheduleItem", "item-m", "cal-m", 409, "https://almanac.dev/problems/conflict",
                "the calendar is full", List.of(new CommandRefused.Violation("start", "capacity")), null), 5);

        JsonNode page = get("/api/v1/audit?calendar_id=cal-m" + RANGE, "mia").expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        List<String> types = records(page).stream().map(record -> record.get("type").asString()).toList();
        assertThat(types).contains("CalendarCreated", "CalendarAccessGranted", "ItemScheduled", "ItemRescheduled", "CommandRefused");
        JsonNode moved = records(page).stream().filter(record -> record.get("type").asString().equals("ItemRescheduled"))
                .findFirst().orElseThrow();
        assertThat(moved.get("actor").asString()).isEqualTo("sam");
        assertThat(moved.get("entity_kind").asString()).isEqualTo("item");
        assertThat(moved.get("reason").asString()).isEqualTo("client asked");
        assertThat(moved.get("correlation_id").asString()).isEqualTo("corr-item-m");
        assertThat(moved.get("causation_id").asString()).isEqualTo("cmd-item-m-v1");
        assertThat(Instant.parse(moved.get("changes").get("start").get("old").asString())).isEqualTo(START);
        assertThat(Instant.parse(moved.get("changes").get("start").get("new").asString())).isEqualTo(START.plusSeconds(7200));
        JsonNode refused = records(page).stream().filter(record -> record.get("type").asString().equals("CommandRefused"))
                .findFirst().orElseThrow();
        assertThat(refused.get("refusal").get("status").asInt()).isEqualTo(409);
        assertThat(refused.get("refusal").get("problem_type").asString()).isEqualTo("https://almanac.dev/problems/conflict");

        JsonNode itemOnly = get("/api/v1/audit?item_id=item-m&limit=1" + RANGE, "mia").expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(itemOnly.get("records")).hasSize(1);
        JsonNode next = get("/api/v1/audit?item_id=item-m&limit=1" + RANGE + "&cursor=" + itemOnly.get("next_cursor").asString(), "mia")
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(next.get("records").get(0).get("id").asString()).isNotEqualTo(itemOnly.get("records").get(0).get("id").asString());

        // sam has no role on cal-m, so it does not exist for him (ADR 0086).
        get("/api/v1/audit?calendar_id=cal-m" + RANGE, "sam").expectStatus().isNotFound()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("calendar_id").jsonPath("$.errors[0].rule").isEqualTo("exists");
        get("/api/v1/audit?actor=sam" + RANGE, "sam").expectStatus().isOk();
        get("/api/v1/audit?actor=mia" + RANGE, "sam").expectStatus().isForbidden();
    }

    @Test
    void badFiltersAreNamed() {
        get("/api/v1/audit?calendar_id=cal-x&colour=red", null).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("colour").jsonPath("$.errors[0].rule").isEqualTo("unknown");
        get("/api/v1/audit?calendar_id=cal-x&from=2026-01-01T00:00:00Z&till=2026-12-01T00:00:00Z", null).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("till").jsonPath("$.errors[0].rule").isEqualTo("max_range_days");
        get("/api/v1/audit?from=yesterday", null).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[*].field").value(fields -> assertThat(fields.toString()).contains("from", "calendar_id"));
        get("/api/v1/audit?calendar_id=cal-x&cursor=nope", null).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("cursor");
        get("/api/v1/audit?calendar_id=cal-unknown", null).expectStatus().isNotFound();
    }

    private static List<JsonNode> records(JsonNode page) {
        List<JsonNode> records = new java.util.ArrayList<>();
        page.get("records").forEach(records::add);
        return records;
    }

    private WebTestClient.ResponseSpec get(String uri, String user) {
        WebTestClient.RequestHeadersSpec<?> request = client.get().uri(uri);
        if (user != null) {
            request = request.header("X-Almanac-User", user);
        }
        return request.exchange();
    }
}
